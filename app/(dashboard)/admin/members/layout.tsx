import type { ReactNode } from "react";
import { requireAllowed } from "@/lib/auth/session";
import { mayManageMembers } from "@/lib/domain/policies/administration";

/**
 * The policy is asked here, outside the loading boundary (loading.tsx), so that a member without
 * members.manage gets the 403 status and not a 200 that streams the forbidden page.
 */
export default async function MembersLayout({ children }: { children: ReactNode }) {
  await requireAllowed(mayManageMembers);
  return children;
}
