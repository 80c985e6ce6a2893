import "server-only";
import { prisma } from "@/lib/db";
import { normalizeOrigin } from "@/lib/domain/checkout/embed-protocol";
import { attemptFailureReason, type FailureReason } from "@/lib/domain/checkout/page-view";
import { isUuid } from "@/lib/validation/ids";
import { embedAllowed } from "./publishable-keys";

/** The session's attempt still with the gateway or the customer (pending), if any. */
export async function findPendingAttemptId(sessionId: string): Promise<string | null> {
  if (!isUuid(sessionId)) return null;
  const row = await prisma.checkoutAttempt.findFirst({
    where: { sessionId, state: "pending" },
    select: { id: true },
  });
  return row?.id ?? null;
}

/**
 * Why an attempt of this session failed, for the page the customer lands on after a challenge or
 * the gateway's page (/checkout/{id}?attempt=...). Only an attempt of this very session, and only
 * what its stored outcome says; null for anything else.
 */
export async function getAttemptNotice(
  sessionId: string,
  attemptId: string | undefined,
): Promise<FailureReason | null> {
  if (!attemptId || !isUuid(sessionId) || !isUuid(attemptId)) return null;
  const attempt = await prisma.checkoutAttempt.findFirst({
    where: { id: attemptId, sessionId },
    select: { state: true, code: true },
  });
  if (!attempt || (attempt.state !== "failed" && attempt.state !== "error")) return null;
  return attemptFailureReason({
    outcome: attempt.state === "failed" ? "declined" : "error",
    code: attempt.code ?? "",
  });
}

/**
 * The merchant page's origin the hosted page may post its messages to, in embed mode: only an origin
 * the server verified (the publishable key is live, belongs to the session's merchant and lists it;
 * proxy.ts sets frame-ancestors to the same origin by the same check). Null otherwise: the page then
 * posts nothing.
 */
export async function verifiedEmbedOrigin(
  sessionId: string,
  query: { embed?: string; pk?: string; origin?: string },
): Promise<string | null> {
  if (query.embed !== "1" || !query.pk || !query.origin || !isUuid(sessionId)) return null;
  const origin = normalizeOrigin(query.origin);
  if (!origin || origin !== query.origin) return null;
  return (await embedAllowed({ key: query.pk, sessionId, origin })) ? origin : null;
}
