import "server-only";
import { prisma } from "@/lib/db";

const PAGE = 50;

/** The merchant's audit trail, newest first, paged by id (ids only grow). */
export async function listAuditEvents(merchantId: string, before?: bigint) {
  const rows = await prisma.auditEvent.findMany({
    where: { merchantId, ...(before ? { id: { lt: before } } : {}) },
    orderBy: { id: "desc" },
    take: PAGE + 1,
  });
  const actorIds = [
    ...new Set(rows.map((row) => row.actorId).filter((id): id is string => id !== null)),
  ];
  const actors = new Map(
    (
      await prisma.user.findMany({
        where: { id: { in: actorIds } },
        select: { id: true, email: true },
      })
    ).map((u) => [u.id, u.email]),
  );
  return {
    events: rows.slice(0, PAGE).map((row) => ({
      ...row,
      actorEmail: row.actorId ? (actors.get(row.actorId) ?? "unknown user") : "system",
    })),
    nextBefore: rows.length > PAGE ? rows[PAGE - 1].id : null,
  };
}
