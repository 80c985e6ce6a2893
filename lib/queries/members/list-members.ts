import "server-only";
import type { Prisma } from "@prisma/client";
import { prisma } from "@/lib/db";
import { isGrantablePermission, permissionsFor } from "@/lib/domain/auth/permissions";
import { grantsFromRole } from "@/lib/domain/members/grants";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation/ids";
import type { MemberJson } from "@/lib/validation/members";

const MEMBER_SELECT = {
  id: true,
  role: true,
  active: true,
  grantedPermissions: true,
  user: { select: { id: true, name: true, email: true } },
  checkerOf: { select: { merchantId: true } },
} satisfies Prisma.MembershipSelect;

type MemberRow = Prisma.MembershipGetPayload<{ select: typeof MEMBER_SELECT }>;

function toMemberJson(row: MemberRow): MemberJson {
  const checker = row.checkerOf !== null;
  const grants = row.grantedPermissions.filter(isGrantablePermission);
  return {
    id: row.id,
    user: row.user,
    role: row.role,
    active: row.active,
    checker,
    grants,
    roleGrants: grantsFromRole(row.role),
    permissions: permissionsFor(row.role, { checker, grants }),
  };
}

/**
 * Administration > Members and GET /api/v1/members: every membership of the merchant, active ones
 * first, by name, with what each may do. A merchant has a handful of members, so no paging.
 */
export async function listMembers(merchantId: string): Promise<MemberJson[]> {
  const rows = await prisma.membership.findMany({
    where: { merchantId },
    orderBy: [
      { active: "desc" },
      { user: { name: "asc" } },
      { user: { email: "asc" } },
      { id: "asc" },
    ],
    select: MEMBER_SELECT,
  });
  return rows.map(toMemberJson);
}

/** One membership of the merchant; malformed, unknown and other merchants' ids are all not found. */
export async function getMemberOrThrow(
  merchantId: string,
  membershipId: string,
): Promise<MemberJson> {
  const row = isUuid(membershipId)
    ? await prisma.membership.findFirst({
        where: { id: membershipId, merchantId },
        select: MEMBER_SELECT,
      })
    : null;
  if (!row) throw notFound("Member");
  return toMemberJson(row);
}
