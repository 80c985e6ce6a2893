import type { ReactNode } from "react";
import { requirePermission } from "@/lib/auth/session";

/** Outside the loading boundary, so a visit without processes.review answers 403, not a streamed 200. */
export default async function LimitedProcessesLayout({ children }: { children: ReactNode }) {
  await requirePermission("processes.review");
  return children;
}
