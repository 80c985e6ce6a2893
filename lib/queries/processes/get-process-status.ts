import "server-only";
import { prisma } from "@/lib/db";
import type { ProcessStatus } from "@/lib/domain/ledger/statuses";

/** Where a process stands after a step: what the page's toast says. */
export async function getProcessStatus(
  merchantId: string,
  id: string,
): Promise<{ status: ProcessStatus; statusReason: string | null }> {
  const row = await prisma.businessProcess.findFirstOrThrow({
    where: { merchantId, id },
    select: { status: true, statusReason: true },
  });
  return { status: row.status as ProcessStatus, statusReason: row.statusReason };
}
