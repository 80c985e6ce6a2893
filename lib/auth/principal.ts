import { Prisma } from "@prisma/client";
import { getServerSession } from "next-auth";
import { hashApiKey } from "@/lib/credentials/api-keys";
import { prisma } from "@/lib/db";
import {
  type Capabilities,
  isGrantablePermission,
  isRole,
  permissionsFor,
} from "@/lib/domain/auth/permissions";
import type { Principal } from "@/lib/domain/auth/principal";
import { authOptions } from "./options";

/** The pure half (the type, can(), the actors) lives in lib/domain/auth; services import it there. */
export {
  actorOf,
  can,
  decisionActorOf,
  type Principal,
} from "@/lib/domain/auth/principal";

type PrincipalRow = {
  user_id: string;
  merchant_id: string;
  role: string;
  email: string;
  name: string;
  merchant_name: string;
  is_checker: boolean;
  granted_permissions: string[];
  api_key_id: string | null;
  last_used_at: Date | null;
};

/**
 * Everything a request needs to know about its caller, in one statement: the membership (which must
 * still be active: a membership revoked since sign-in stops working on the next request), the user,
 * the merchant, and the checker capability that the operations-approval plugin grants on top of
 * the role (the checker keeps deciding pending requests even while the plugin is disabled).
 */
const PRINCIPAL_SELECT = Prisma.sql`
  SELECT m.user_id, m.merchant_id, m.role::text AS role, u.email, u.name, mer.name AS merchant_name,
         COALESCE(s.checker_user_id = m.user_id, false) AS is_checker, m.granted_permissions`;
const PRINCIPAL_JOINS = Prisma.sql`
  JOIN app_user u ON u.id = m.user_id
  JOIN merchant mer ON mer.id = m.merchant_id
  LEFT JOIN operations_approval_settings s ON s.merchant_id = m.merchant_id`;

function toPrincipal(row: PrincipalRow | undefined, via: Principal["via"]): Principal | null {
  if (!row || !isRole(row.role)) return null;
  const capabilities: Capabilities = {
    checker: row.is_checker,
    grants: row.granted_permissions.filter(isGrantablePermission),
  };
  return {
    userId: row.user_id,
    email: row.email,
    name: row.name,
    merchantId: row.merchant_id,
    merchantName: row.merchant_name,
    role: row.role,
    capabilities,
    permissions: permissionsFor(row.role, capabilities),
    via,
  };
}

async function loadPrincipal(
  userId: string,
  merchantId: string,
  via: Principal["via"],
): Promise<Principal | null> {
  const [row] = await prisma.$queryRaw<PrincipalRow[]>`
    ${PRINCIPAL_SELECT}, NULL::uuid AS api_key_id, NULL::timestamptz AS last_used_at
    FROM membership m ${PRINCIPAL_JOINS}
    WHERE m.user_id = ${userId}::uuid AND m.merchant_id = ${merchantId}::uuid AND m.active`;
  return toPrincipal(row, via);
}

export async function principalFromSession(): Promise<Principal | null> {
  const session = await getServerSession(authOptions);
  if (!session?.userId || !session.merchantId) return null;
  return loadPrincipal(session.userId, session.merchantId, "session");
}

const BEARER = /^Bearer\s+(\S+)$/i;
const LAST_USED_RESOLUTION_MS = 60_000;

export async function principalFromApiKey(authorization: string): Promise<Principal | null> {
  const key = BEARER.exec(authorization.trim())?.[1];
  if (!key || key.length > 200) return null;
  const [row] = await prisma.$queryRaw<PrincipalRow[]>`
    ${PRINCIPAL_SELECT}, k.id AS api_key_id, k.last_used_at
    FROM api_key k
    JOIN membership m ON m.user_id = k.user_id AND m.merchant_id = k.merchant_id AND m.active
    ${PRINCIPAL_JOINS}
    WHERE k.key_hash = ${hashApiKey(key)} AND k.revoked_at IS NULL`;
  // Last use is informational, to the minute: one write a minute per key, not one per request,
  // and not awaited.
  if (
    row?.api_key_id &&
    (!row.last_used_at || Date.now() - row.last_used_at.getTime() > LAST_USED_RESOLUTION_MS)
  ) {
    void prisma.apiKey
      .updateMany({ where: { id: row.api_key_id }, data: { lastUsedAt: new Date() } })
      .catch(() => {});
  }
  return toPrincipal(row, "api_key");
}

/** Route handlers: a Bearer API key when the header is present, else the session cookie. */
export async function authenticateRequest(request: Request): Promise<Principal | null> {
  const authorization = request.headers.get("authorization");
  return authorization ? principalFromApiKey(authorization) : principalFromSession();
}
