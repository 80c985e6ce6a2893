import { getServerSession } from "next-auth";
import { prisma } from "@/lib/db";
import { hashApiKey } from "./api-keys";
import { authOptions } from "./options";
import { type Capabilities, type Permission, type Role, hasPermission, isRole, permissionsFor } from "./permissions";
import type { Actor } from "@/lib/services/audit/record-audit-event";

/** Who is acting, for which merchant, with what permissions: loaded fresh on every request. */
export type Principal = {
  userId: string;
  email: string;
  name: string;
  merchantId: string;
  merchantName: string;
  role: Role;
  capabilities: Capabilities;
  permissions: Permission[];
  via: "session" | "api_key";
};

/**
 * Capabilities a plugin grants on top of the role: the operations-approval plugin's checker. The
 * checker keeps deciding requests already pending even while the plugin is disabled.
 */
async function loadCapabilities(merchantId: string, userId: string): Promise<Capabilities> {
  const settings = await prisma.operationsApprovalSettings.findUnique({ where: { merchantId }, select: { checkerUserId: true } });
  return { checker: settings?.checkerUserId === userId };
}

/** A membership revoked or deactivated since sign-in stops working on the next request. */
async function loadPrincipal(userId: string, merchantId: string, via: Principal["via"]): Promise<Principal | null> {
  const membership = await prisma.membership.findUnique({
    where: { userId_merchantId: { userId, merchantId } },
    include: { user: true, merchant: true },
  });
  if (!membership?.active || !isRole(membership.role)) return null;
  const capabilities = await loadCapabilities(merchantId, userId);
  return {
    userId,
    email: membership.user.email,
    name: membership.user.name,
    merchantId,
    merchantName: membership.merchant.name,
    role: membership.role,
    capabilities,
    permissions: permissionsFor(membership.role, capabilities),
    via,
  };
}

export async function principalFromSession(): Promise<Principal | null> {
  const session = await getServerSession(authOptions);
  if (!session?.userId || !session.merchantId) return null;
  return loadPrincipal(session.userId, session.merchantId, "session");
}

const BEARER = /^Bearer\s+(\S+)$/i;

export async function principalFromApiKey(authorization: string): Promise<Principal | null> {
  const key = BEARER.exec(authorization.trim())?.[1];
  if (!key || key.length > 200) return null;
  const record = await prisma.apiKey.findUnique({ where: { keyHash: hashApiKey(key) } });
  if (!record || record.revokedAt) return null;
  // Last use is informational; losing one update under load is harmless, so it is not awaited.
  void prisma.apiKey.update({ where: { id: record.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
  return loadPrincipal(record.userId, record.merchantId, "api_key");
}

/** Route handlers: a Bearer API key when the header is present, else the session cookie. */
export async function authenticateRequest(request: Request): Promise<Principal | null> {
  const authorization = request.headers.get("authorization");
  return authorization ? principalFromApiKey(authorization) : principalFromSession();
}

export function can(principal: Principal, permission: Permission): boolean {
  return hasPermission(principal.role, permission, principal.capabilities);
}

export function actorOf(principal: Principal): Actor {
  return { userId: principal.userId, type: principal.via };
}
