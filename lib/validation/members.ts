import { z } from "zod";
import { GRANTABLE_PERMISSIONS, PERMISSIONS, ROLES } from "@/lib/domain/auth/permissions";
import { SafeLine } from "./strings";

const GRANTABLE_LIST = GRANTABLE_PERMISSIONS.join(", ");

/** The grants asked for one membership: grantable names only; a repeat counts once. */
export const GrantsSchema = z
  .array(
    z.enum(GRANTABLE_PERMISSIONS, {
      error: `must be one of the grantable permissions: ${GRANTABLE_LIST}.`,
    }),
    { error: "grants must be a list of permission names." },
  )
  .max(
    GRANTABLE_PERMISSIONS.length * 2,
    `List each of the ${GRANTABLE_PERMISSIONS.length} grantable permissions at most once.`,
  )
  .describe(
    `The permissions this membership holds on top of its role: any of ${GRANTABLE_LIST}. ` +
      "The whole set is replaced; `[]` withdraws every grant. A permission the role already gives is not stored.",
  );

/** PUT /api/v1/members/{id}/permissions. */
export const SetMembershipGrantsBodySchema = z.strictObject({ grants: GrantsSchema });

/** The Members page's Save, one row at a time. */
export const SetMembershipGrantsSchema = z.strictObject({
  membershipId: z.uuid("Unknown member."),
  grants: GrantsSchema,
});
export type SetMembershipGrantsInput = z.output<typeof SetMembershipGrantsSchema>;

/** Malformed ids pass here and are "not found" in the service, as on every other route. */
export const MembershipIdParamsSchema = z.strictObject({
  id: SafeLine.max(100).describe("The membership's id (a UUID)."),
});

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

export const MemberJsonSchema = z
  .object({
    id: z.string().describe("The membership's id."),
    user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    role: z.enum(ROLES),
    active: z.boolean(),
    checker: z.boolean().describe("The operations-approval plugin's checker."),
    grants: z.array(z.enum(GRANTABLE_PERMISSIONS)).describe("Granted on top of the role."),
    roleGrants: z
      .array(z.enum(GRANTABLE_PERMISSIONS))
      .describe("The grantable permissions the role already gives."),
    permissions: z
      .array(z.enum(PERMISSIONS))
      .describe("Everything the member may do: the role's, the checker's and the grants."),
  })
  .meta({ id: "Member" });
export type MemberJson = z.output<typeof MemberJsonSchema>;

export const MemberListResponseSchema = z.object({ data: z.array(MemberJsonSchema) });
export const MemberResponseSchema = z.object({ data: MemberJsonSchema });

/** GET /api/v1/members takes no parameters; any is refused like an unknown filter elsewhere. */
export const MemberListQuerySchema = z.strictObject({});
