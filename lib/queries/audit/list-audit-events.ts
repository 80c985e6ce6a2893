import "server-only";
import { prisma } from "@/lib/db";
import { auditActionLabel, describeActor } from "@/lib/domain/audit/actions";

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
        select: { id: true, name: true, email: true },
      })
    ).map((user) => [user.id, user]),
  );
  return {
    events: rows.slice(0, PAGE).map((row) => {
      const user = row.actorId ? actors.get(row.actorId) : undefined;
      return {
        ...row,
        actorLabel: describeActor({ type: row.actorType, name: user?.name, email: user?.email }),
        actionLabel: auditActionLabel(row.action),
      };
    }),
    nextBefore: rows.length > PAGE ? rows[PAGE - 1].id : null,
  };
}
