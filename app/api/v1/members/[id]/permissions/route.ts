import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { getMemberOrThrow } from "@/lib/queries/members/list-members";
import { setMembershipGrants } from "@/lib/services/members/set-membership-grants";
import {
  MemberResponseSchema,
  MembershipIdParamsSchema,
  SetMembershipGrantsBodySchema,
} from "@/lib/validation/members";

export const dynamic = "force-dynamic";

/**
 * PUT /api/v1/members/:id/permissions { grants: [...] }: replaces what the membership holds on top
 * of its role. Idempotent by nature (the same body twice leaves the same set), so no key is needed.
 * 404 alike for unknown, malformed and other merchants' ids.
 */
export const PUT = apiRoute(
  {
    permission: "members.manage",
    params: MembershipIdParamsSchema,
    body: SetMembershipGrantsBodySchema,
    output: MemberResponseSchema,
  },
  async ({ principal, params, body }) => {
    await setMembershipGrants(principal, params.id, body.grants);
    return { body: { data: await getMemberOrThrow(principal.merchantId, params.id) } };
  },
);

export const { GET, POST, PATCH, DELETE, OPTIONS } = methodNotAllowed(["PUT"]);
