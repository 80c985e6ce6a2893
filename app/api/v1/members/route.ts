import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { listMembers } from "@/lib/queries/members/list-members";
import { MemberListQuerySchema, MemberListResponseSchema } from "@/lib/validation/members";

export const dynamic = "force-dynamic";

/** GET /api/v1/members: every membership of the merchant with its role, grants and permissions. */
export const GET = apiRoute(
  { permission: "members.manage", query: MemberListQuerySchema, output: MemberListResponseSchema },
  async ({ principal }) => ({ body: { data: await listMembers(principal.merchantId) } }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
