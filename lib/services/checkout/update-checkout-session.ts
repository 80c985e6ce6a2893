import "server-only";
import { prisma } from "@/lib/db";
import { decideSession } from "@/lib/domain/checkout/lifecycle";
import { toDecimalString } from "@/lib/domain/money/money";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { UpdateCheckoutSchema } from "@/lib/validation/checkout";
import type { CheckoutCaller } from "./checkout-caller";
import { endLocked } from "./end-checkout-session";
import { normalizePhone, positiveAmount } from "./field-checks";
import { lockSession } from "./lock-session";
import { sessionRefusalError } from "./session-errors";

/**
 * Updates a session's amount and customer fields while no attempt is under way. As the source
 * requires, an update that fails validation ENDS the session (canceled, the reason recorded): the
 * merchant's server must create a new one. An update of a session that cannot be updated (paid,
 * pending, ended) is refused and changes nothing.
 */
export async function updateCheckoutSession(
  caller: CheckoutCaller,
  sessionId: string,
  body: unknown,
): Promise<void> {
  const outcome = await prisma.$transaction(async (tx) => {
    const session = await lockSession(tx, caller.merchantId, sessionId);
    if (!session) throw new AppError("not_found", "No such checkout session.");
    const decision = decideSession(session, { event: "update", now: new Date() });
    if (!decision.ok) throw sessionRefusalError(decision);

    const checked = checkUpdate(body, session.currency);
    if (!checked.ok) {
      const after = await endLocked(
        tx,
        session,
        "canceled",
        `update refused: ${checked.error.message}`,
        caller.auditActor,
      );
      return { refused: checked.error, after };
    }
    const { amount, fields } = checked;
    if (amount !== undefined) {
      await tx.paymentTransaction.update({ where: { id: session.id }, data: { amount } });
    }
    await tx.checkoutSession.update({ where: { id: session.id }, data: fields });
    await recordAuditEvent(tx, {
      actor: caller.auditActor,
      merchantId: caller.merchantId,
      entity: "payment_transaction",
      entityId: session.id,
      action: "checkout_session.updated",
      fromState: session.state,
      toState: session.state,
      data: {
        ...(amount === undefined ? {} : { amountBefore: session.amount, amount }),
        fields: Object.keys(fields),
      },
    });
    return { refused: null, after: async () => {} };
  });
  await outcome.after();
  if (outcome.refused) {
    throw new AppError(
      "validation_error",
      `${outcome.refused.message} The session has been canceled: create a new session.`,
      { errors: outcome.refused.details, session_state: "canceled", new_session_required: true },
    );
  }
}

type Checked =
  | {
      ok: true;
      amount?: string;
      fields: {
        customerFirstName?: string;
        customerLastName?: string;
        customerEmail?: string;
        customerPhone?: string;
        customerRef?: string;
      };
    }
  | { ok: false; error: AppError };

function checkUpdate(body: unknown, currency: string): Checked {
  const parsed = UpdateCheckoutSchema.safeParse(body);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      field: issue.path.join(".") || "body",
      message: issue.message,
    }));
    const first = details[0];
    return {
      ok: false,
      error: new AppError(
        "validation_error",
        `Invalid update: ${first ? `${first.field}: ${first.message}` : "invalid body"}.`,
        details,
      ),
    };
  }
  try {
    const input = parsed.data;
    if (input.customer_id !== undefined)
      throw new AppError("validation_error", "customer_id cannot be changed.", [
        { field: "customer_id", message: "cannot be changed" },
      ]);
    const amount =
      input.amount === undefined
        ? undefined
        : toDecimalString(positiveAmount(input.amount, currency));
    return {
      ok: true,
      ...(amount === undefined ? {} : { amount }),
      fields: {
        ...(input.customer_first_name === undefined
          ? {}
          : { customerFirstName: input.customer_first_name }),
        ...(input.customer_last_name === undefined
          ? {}
          : { customerLastName: input.customer_last_name }),
        ...(input.customer_email === undefined
          ? {}
          : { customerEmail: input.customer_email.toLowerCase() }),
        ...(input.customer_phone === undefined
          ? {}
          : { customerPhone: normalizePhone(input.customer_phone) }),
      },
    };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error };
    throw error;
  }
}
