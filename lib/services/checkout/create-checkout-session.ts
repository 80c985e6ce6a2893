import "server-only";
import { randomBytes } from "node:crypto";
import { Prisma } from "@prisma/client";
import { prisma, type Tx } from "@/lib/db";
import {
  checkExpirationSeconds,
  checkGatewaySelection,
  DEFAULT_EXPIRATION_SECONDS,
  DEFAULT_MAX_ATTEMPTS,
  generatedOrderNo,
  parseExpirationTime,
  shortCodeFrom,
} from "@/lib/domain/checkout/session-rules";
import { toDecimalString } from "@/lib/domain/money/money";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { validateWebhookUrl } from "@/lib/services/webhooks/webhook-address";
import type { CreateCheckoutInput } from "@/lib/validation/checkout";
import type { CheckoutCaller } from "./checkout-caller";
import { checkoutFieldError, normalizePhone, positiveAmount } from "./field-checks";

export type CreatedSession = { id: string };

/**
 * Creates a checkout session: the payment transaction (state created) and the session beside it, in
 * one transaction with its audit row. Every field is checked before anything is written; a refused
 * request writes nothing. The order number is unique per merchant (a constraint): a repeat is a 409.
 */
export async function createCheckoutSession(
  caller: CheckoutCaller,
  input: CreateCheckoutInput,
  options: { now?: Date; tx?: Tx } = {},
): Promise<CreatedSession> {
  const now = options.now ?? new Date();
  const amount = positiveAmount(input.amount, input.currency_code);
  const expirationSeconds =
    input.expiration_time === undefined
      ? DEFAULT_EXPIRATION_SECONDS
      : expirationOf(input.expiration_time);
  if (input.type !== "payment_request" && input.notifications)
    throw checkoutFieldError("notifications", "notifications are for payment requests only");
  if (input.type !== "payment_request" && input.due_datetime)
    throw checkoutFieldError("due_datetime", "a due date is for payment requests only");
  const dueAt = input.due_datetime ? new Date(input.due_datetime) : null;
  if (dueAt && dueAt.getTime() <= now.getTime())
    throw checkoutFieldError("due_datetime", "the due date must be in the future");
  const phone = input.customer_phone ? normalizePhone(input.customer_phone) : null;
  const channels = input.notifications ?? {};
  if (channels.email && !input.customer_email)
    throw checkoutFieldError("customer_email", "an email notification needs customer_email");
  if ((channels.sms || channels.whatsapp) && !phone)
    throw checkoutFieldError(
      "customer_phone",
      "an SMS or WhatsApp notification needs customer_phone",
    );
  if (input.payment_type === "save_card" && !input.customer_id)
    throw checkoutFieldError("customer_id", "saving a card needs customer_id");

  // http(s), no credentials, and (in production) not a private address: refused now, and again
  // at every delivery.
  if (input.webhook_url) await validateWebhookUrl(input.webhook_url, "webhook_url");

  const db = options.tx ?? prisma;
  const gateways = await db.paymentGateway.findMany({
    where: { merchantId: caller.merchantId },
    select: { id: true, code: true, currency: true },
  });
  const selection = checkGatewaySelection(input.pg_codes, gateways, input.currency_code);
  if (!selection.ok) {
    throw new AppError(
      "validation_error",
      `pg_codes: ${selection.errors.map((e) => e.message).join("; ")}.`,
      selection.errors.map((e) => ({ field: "pg_codes", message: e.message })),
    );
  }
  const firstGateway = gateways.find((gateway) => gateway.code === input.pg_codes[0]);
  const unit = await db.unit.findFirst({
    where: { merchantId: caller.merchantId },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  if (!unit || !firstGateway)
    throw new AppError(
      "operation_not_allowed",
      "This merchant has no unit to record payments under.",
    );
  const settings = await db.checkoutSettings.findUnique({
    where: { merchantId: caller.merchantId },
    select: { maxAttempts: true },
  });

  const write = async (tx: Tx): Promise<CreatedSession> => {
    const customerId = input.customer_id
      ? await upsertCustomer(tx, caller.merchantId, input, phone)
      : null;
    const orderNo = input.order_no ?? generatedOrderNo(randomBytes(16));
    const payment = await tx.paymentTransaction.create({
      data: {
        merchantId: caller.merchantId,
        unitId: unit.id,
        customerId,
        gatewayId: firstGateway.id,
        orderNo,
        amount: toDecimalString(amount),
        currency: input.currency_code,
        capturedAmount: "0",
        state: "created",
        createdAt: now,
      },
      select: { id: true },
    });
    await tx.checkoutSession.create({
      data: {
        id: payment.id,
        merchantId: caller.merchantId,
        type: input.type,
        operation: input.operation,
        paymentType: input.payment_type,
        pgCodes: input.pg_codes,
        orderNo,
        customerRef: input.customer_id ?? null,
        customerFirstName: input.customer_first_name ?? null,
        customerLastName: input.customer_last_name ?? null,
        customerEmail: input.customer_email?.toLowerCase() ?? null,
        customerPhone: phone,
        expiresAt: new Date(now.getTime() + expirationSeconds * 1000),
        expirationSeconds,
        redirectUrl: input.redirect_url ?? null,
        webhookUrl: input.webhook_url ?? null,
        language: input.language,
        notifications: channels,
        dueAt,
        shortCode: shortCodeFrom(randomBytes(16)),
        maxAttempts: settings?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        createdById: caller.userId,
        createdVia: caller.via,
        createdAt: now,
      },
    });
    await recordAuditEvent(tx, {
      actor: caller.auditActor,
      merchantId: caller.merchantId,
      entity: "payment_transaction",
      entityId: payment.id,
      action: "checkout_session.created",
      toState: "created",
      data: {
        type: input.type,
        orderNo,
        amount: toDecimalString(amount),
        currency: input.currency_code,
        pgCodes: input.pg_codes,
      },
    });
    return { id: payment.id };
  };

  try {
    return options.tx ? await write(options.tx) : await prisma.$transaction(write);
  } catch (error) {
    // The only unique key a client's input can collide with is (merchant, order_no); the short code
    // is 10 random characters of 57.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError(
        "conflict",
        `order_no "${input.order_no}" is already used by another session of this merchant.`,
        [{ field: "order_no", message: "already used" }],
      );
    }
    throw error;
  }
}

function expirationOf(value: string): number {
  const parsed = parseExpirationTime(value);
  if (!parsed.ok) throw checkoutFieldError("expiration_time", parsed.reason);
  const checked = checkExpirationSeconds(parsed.seconds);
  if (!checked.ok) throw checkoutFieldError("expiration_time", checked.reason);
  return checked.seconds;
}

/** The merchant's customer by their own id: created on first use, its details kept up to date. */
async function upsertCustomer(
  tx: Tx,
  merchantId: string,
  input: Pick<
    CreateCheckoutInput,
    | "customer_id"
    | "customer_first_name"
    | "customer_last_name"
    | "customer_email"
    | "currency_code"
  >,
  phone: string | null,
): Promise<string> {
  const name =
    [input.customer_first_name, input.customer_last_name].filter(Boolean).join(" ") ||
    (input.customer_id as string);
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO customer (merchant_id, external_ref, name, email, phone, base_currency)
    VALUES (${merchantId}::uuid, ${input.customer_id}, ${name}, ${input.customer_email?.toLowerCase() ?? null},
            ${phone}, ${input.currency_code})
    ON CONFLICT (merchant_id, external_ref) WHERE external_ref IS NOT NULL
    DO UPDATE SET email = coalesce(EXCLUDED.email, customer.email),
                  phone = coalesce(EXCLUDED.phone, customer.phone)
    RETURNING id`;
  if (!row) throw new Error("customer upsert returned nothing");
  return row.id;
}
