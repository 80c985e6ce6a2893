import "server-only";
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import type { Tx } from "@/lib/db";
import { ONE_TIME_CODE_TTL_MS } from "@/lib/domain/ledger/one-time-codes";
import { queueEmail } from "@/lib/email/outbox";
import { cardIssueCodeEmail } from "@/lib/email/templates/card-issue-code";
import { auditProcess, type LedgerCaller } from "./caller";

/** The stored form of a code: SHA-256 over the process id and the code, so equal codes differ. */
export function hashOneTimeCode(processId: string, code: string): string {
  return createHash("sha256").update(`${processId}:${code}`).digest("hex");
}

export function oneTimeCodeMatches(processId: string, code: string, stored: string): boolean {
  const given = Buffer.from(hashOneTimeCode(processId, code), "hex");
  const expected = Buffer.from(stored, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Makes a new code for the process (replacing any earlier one, tries reset), stores its hash and
 * queues the email to the customer in the caller's transaction. Returns the outbox row id, or null
 * when the customer has no email address (the code can then not be confirmed; the process can be
 * declined). The code itself is never stored.
 */
export async function sendOneTimeCode(
  tx: Tx,
  caller: LedgerCaller,
  processId: string,
  customerId: string | null,
  now: Date,
): Promise<string | null> {
  const code = randomInt(0, 1_000_000).toString().padStart(6, "0");
  const expiresAt = new Date(now.getTime() + ONE_TIME_CODE_TTL_MS);
  await tx.processOneTimeCode.upsert({
    where: { processId },
    create: { processId, codeHash: hashOneTimeCode(processId, code), expiresAt },
    update: {
      codeHash: hashOneTimeCode(processId, code),
      expiresAt,
      attempts: 0,
      confirmedAt: null,
    },
  });
  const customer = customerId
    ? await tx.customer.findUnique({
        where: { id: customerId },
        select: { email: true, merchant: { select: { name: true } } },
      })
    : null;
  if (!customer?.email) return null;
  const email = cardIssueCodeEmail({ merchantName: customer.merchant.name, code, expiresAt });
  const id = await queueEmail(tx, {
    merchantId: caller.merchantId,
    kind: "business_process.code_sent",
    to: [customer.email],
    entityId: processId,
    ...email,
  });
  await auditProcess(tx, caller, processId, "business_process.code_sent", null, null, {
    to: customer.email,
    expiresAt: expiresAt.toISOString(),
  });
  return id;
}
