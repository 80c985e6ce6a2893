import "server-only";
import { prisma } from "@/lib/db";

/** The plugin is on but nobody can decide: pending requests would wait forever, unnoticed. */
export async function isCheckerMissing(merchantId: string): Promise<boolean> {
  // No row means the plugin is not installed: requests do not wait for anyone.
  const settings = await prisma.operationsApprovalSettings.findUnique({
    where: { merchantId },
    select: { enabled: true, checkerUserId: true },
  });
  return settings?.enabled === true && settings.checkerUserId === null;
}
