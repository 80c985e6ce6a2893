"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions/action-client";
import { setMembershipGrants } from "@/lib/services/members/set-membership-grants";
import { SetMembershipGrantsSchema } from "@/lib/validation/members";

/** One row of Administration > Members; the service asks mayManageMembers as well. */
export const setMembershipGrantsAction = action(
  SetMembershipGrantsSchema,
  "members.manage",
  async ({ membershipId, grants }, principal) => {
    const result = await setMembershipGrants(principal, membershipId, grants);
    revalidatePath("/admin/members");
    return result;
  },
);
