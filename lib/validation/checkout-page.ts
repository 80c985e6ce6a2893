import { z } from "zod";
import { FAILURE_REASONS } from "@/lib/domain/checkout/page-view";
import { CHECKOUT_METHODS } from "@/lib/domain/checkout/session-rules";
import { SafeLine } from "./strings";

/*
 * What the hosted page's browser sends to our server and gets back. A card number or a security
 * code never comes here: the browser sent them to the gateway's tokenize endpoint and sends only its
 * token. A body that carries one anyway is refused (400) before anything is read or logged.
 */

/** Field names of card data: a body naming one is refused outright, whatever its value. */
export const CARD_DATA_FIELDS = [
  "number",
  "card_number",
  "cardNumber",
  "pan",
  "cvc",
  "cvv",
  "cvc2",
  "cvv2",
  "security_code",
] as const;

export const StartAttemptBodySchema = z
  .record(z.string(), z.unknown())
  .superRefine((body, context) => {
    for (const field of CARD_DATA_FIELDS) {
      if (Object.hasOwn(body, field))
        context.addIssue({
          code: "custom",
          path: [field],
          message:
            "card numbers and security codes are never sent here; send the gateway's card token",
        });
    }
  })
  .pipe(
    z.strictObject({
      pg_code: SafeLine.min(1).max(25),
      method: z.enum(CHECKOUT_METHODS),
      token: SafeLine.min(1).max(4096).optional(),
      saved_card_id: z.uuid().optional(),
      save_card: z.boolean().optional(),
    }),
  );
export type StartAttemptBody = z.output<typeof StartAttemptBodySchema>;

const State = z.string();

export const StartAttemptResponseSchema = z.discriminatedUnion("outcome", [
  z.strictObject({
    outcome: z.literal("success"),
    state: State,
    session_id: z.string(),
    order_no: z.string(),
    /** The merchant's redirect_url with session_id, order_no and state, or null (receipt page). */
    redirect_url: z.string().nullable(),
  }),
  z.strictObject({ outcome: z.literal("action_required"), url: z.string() }),
  z.strictObject({ outcome: z.literal("pending") }),
  z.strictObject({
    outcome: z.literal("form_error"),
    state: State,
    message: z.string(),
    reason: z.enum(FAILURE_REASONS),
    attempts_left: z.number().int().min(0),
  }),
  z.strictObject({
    outcome: z.literal("error"),
    state: State,
    message: z.string(),
    reason: z.enum(FAILURE_REASONS),
  }),
]);
export type StartAttemptResponse = z.output<typeof StartAttemptResponseSchema>;

export const SessionPathSchema = z.strictObject({ sessionId: SafeLine.max(64) });
export const SavedCardPathSchema = z.strictObject({
  sessionId: SafeLine.max(64),
  cardId: SafeLine.max(64),
});
export const ReturnQuerySchema = z.object({ attempt: SafeLine.max(64) }).catchall(
  // A gateway may add its own parameters (a reference, a status): read, never trusted.
  SafeLine.max(2048),
);
export const ShortCodePathSchema = z.strictObject({ code: SafeLine.max(64) });
