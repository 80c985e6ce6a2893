import type { ReactNode } from "react";
import { requireAllowed } from "@/lib/auth/session";
import { mayManageWebhooks } from "@/lib/domain/policies/webhooks";

/**
 * The policy is asked here, outside the loading boundary, so that a member without webhooks.manage
 * gets the 403 status and not a 200 that streams the forbidden page.
 */
export default async function WebhooksLayout({ children }: { children: ReactNode }) {
  await requireAllowed(mayManageWebhooks);
  return children;
}
