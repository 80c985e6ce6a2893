import { z } from "zod";
import { CURRENCY_CODES, currencyExponent, isCurrencyCode } from "@/lib/domain/money/currency";
import { EXPIRY_HOURS_LIMITS } from "@/lib/domain/operation-requests/deadlines";
import {
  OPERATION_REQUEST_STATES,
  OPERATIONS,
  REJECTION_REASON_MAX_LENGTH,
  REQUEST_REASON_MAX_LENGTH,
} from "@/lib/domain/operation-requests/lifecycle";
import {
  CursorParamSchema,
  DaySchema,
  DEFAULT_LIMIT,
  DecimalText,
  LimitSchema,
  ListTotalShape,
  Timestamp,
} from "./list-params";
import { SafeLine, SafeText } from "./strings";

/** POST /api/v1/operations and the payment page's Refund / Void form. */
export const SubmitOperationSchema = z.strictObject({
  transactionId: z.uuid("transactionId must be a payment id (a UUID)."),
  operation: z.enum(OPERATIONS, { error: 'operation must be "refund" or "void".' }),
  /** Decimal string ("12.500") or JSON number; omitted means the remaining amount (refund) or the full amount (void). */
  amount: z
    .union([SafeLine.trim().max(40), z.number()], {
      error: 'amount must be a decimal string such as "12.500".',
    })
    .optional(),
  reason: SafeText.trim()
    .max(
      REQUEST_REASON_MAX_LENGTH,
      `Keep the reason under ${REQUEST_REASON_MAX_LENGTH} characters.`,
    )
    .optional(),
});
export type SubmitOperationInput = z.output<typeof SubmitOperationSchema>;

/**
 * POST /api/v1/operation-requests/{id}/reject. The rule (required, at most
 * REJECTION_REASON_MAX_LENGTH once trimmed) is the domain's; this only bounds what is read.
 */
export const RejectOperationSchema = z.strictObject({
  reason: z
    .string({ error: "A reason is required to reject a request." })
    .max(REJECTION_REASON_MAX_LENGTH * 4)
    .pipe(SafeText),
});

export const OperationRequestIdSchema = z.strictObject({ id: SafeLine.max(100) });

/**
 * The ticket table's orders: newest first (the default), largest amount first (within one
 * currency: amounts in different currencies do not compare) and soonest deadline first (requests
 * without a deadline last). Each has its own keyset, so a cursor names the order it came from.
 */
export const TICKET_SORTS = ["created", "amount", "deadline"] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

const GatewayFilterSchema = SafeLine.trim()
  .min(1)
  .max(25, "A gateway code has at most 25 characters.");

/** The ticket table's filters, shared by the page and GET /api/v1/operation-requests. */
export const OperationRequestFilterSchema = z
  .strictObject({
    state: z.enum(OPERATION_REQUEST_STATES).optional(),
    operation: z.enum(OPERATIONS).optional(),
    from: DaySchema.optional().describe("First day, inclusive, as YYYY-MM-DD in UTC."),
    to: DaySchema.optional().describe("Last day, inclusive, as YYYY-MM-DD in UTC."),
    pg: GatewayFilterSchema.optional().describe("A gateway code, such as knet."),
    gateway: GatewayFilterSchema.optional().describe(
      "Another name for pg; pg wins if both are sent.",
    ),
    currency: z.enum(CURRENCY_CODES).optional(),
    q: SafeLine.trim()
      .min(1)
      .max(100, "Search for at most 100 characters.")
      .optional()
      .describe("An order number prefix, or part of the maker's name or email; case-insensitive."),
    sort: z
      .enum(TICKET_SORTS, { error: `Sort by one of ${TICKET_SORTS.join(", ")}.` })
      .default("created")
      .describe(
        "created: newest first; amount: largest first (needs a currency filter); deadline: soonest first, none last.",
      ),
    limit: LimitSchema.default(DEFAULT_LIMIT),
    cursor: CursorParamSchema.optional().describe(
      "Opaque: the nextCursor of the previous page, with the same sort.",
    ),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: "from must not be after to.",
    path: ["from"],
  })
  .refine((f) => f.sort !== "amount" || f.currency !== undefined, {
    message: "Sort by amount within one currency: add a currency filter.",
    path: ["sort"],
  });
export type OperationRequestFilters = z.output<typeof OperationRequestFilterSchema>;

/** Administration > Plugins > Operations approval. */
export const ApprovalSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  manualActionExpiryHours: z.coerce
    .number()
    .int("Use whole hours.")
    .min(
      EXPIRY_HOURS_LIMITS.manualActionExpiryHours.min,
      `Manual action expiry is at least ${EXPIRY_HOURS_LIMITS.manualActionExpiryHours.min} hour.`,
    )
    .max(
      EXPIRY_HOURS_LIMITS.manualActionExpiryHours.max,
      `Manual action expiry is at most ${EXPIRY_HOURS_LIMITS.manualActionExpiryHours.max} hours (a year).`,
    ),
  pendingExpiryHours: z.coerce
    .number()
    .int("Use whole hours.")
    .min(
      EXPIRY_HOURS_LIMITS.pendingExpiryHours.min,
      "Pending expiry cannot be negative; 0 means never.",
    )
    .max(
      EXPIRY_HOURS_LIMITS.pendingExpiryHours.max,
      `Pending expiry is at most ${EXPIRY_HOURS_LIMITS.pendingExpiryHours.max} hours (a year).`,
    ),
  notifyCheckerOnPending: z.boolean(),
});
export type ApprovalSettingsInput = z.output<typeof ApprovalSettingsSchema>;

export const AssignCheckerSchema = z.strictObject({ userId: z.uuid().nullable() });

export const WhitelistSchema = z.strictObject({
  userId: z.uuid(),
  operations: z.array(z.enum(OPERATIONS)).max(2),
});

/** The whitelist page's one Save: every listed member's operations. */
export const SaveWhitelistSchema = z.strictObject({
  entries: z.array(WhitelistSchema).max(1000, "Save at most 1000 members at once."),
});

/** Administration > Gateways: how the sandbox gateway answers. */
export const SandboxBehaviourSchema = z.strictObject({
  gatewayId: z.uuid(),
  mode: z.enum(["succeed", "decline", "error", "timeout"]),
  failNext: z.coerce.number().int().min(0).max(1000),
});

// ---------------------------------------------------------------------------------------------
// Output: what GET/POST /api/v1/operation-requests answer. Checked before anything leaves, and the
// source of the OpenAPI document (`.meta({ id })` names a component there, `.describe` documents).
// ---------------------------------------------------------------------------------------------

const PersonJsonSchema = z
  .object({ id: z.string(), name: z.string(), email: z.string() })
  .meta({ id: "Person" });

const operationRequestShape = {
  id: z.string(),
  transactionId: z.string().describe("The payment the operation is on."),
  orderNo: z.string().describe("The payment's order number."),
  operation: z.enum(OPERATIONS),
  amount: DecimalText.describe(
    'Decimal string with exactly the currency\'s decimals: "12.500" KWD, "12.50" USD, "12" JPY.',
  ),
  currency: z.enum(CURRENCY_CODES),
  state: z.enum(OPERATION_REQUEST_STATES),
  reason: z.string().nullable().describe("The maker's note."),
  rejectionReason: z.string().nullable().describe("The checker's reason, when rejected."),
  gateway: z.object({ code: z.string(), name: z.string() }),
  maker: PersonJsonSchema.describe("Who submitted the request."),
  decidedBy: PersonJsonSchema.nullable().describe(
    "Who approved or rejected it; for a direct request, the submitter.",
  ),
  decidedAt: Timestamp.nullable(),
  directReason: z
    .string()
    .nullable()
    .describe(
      'Why the request skipped approval: "checker", "whitelisted" or "plugin_disabled"; null when it waited for the checker.',
    ),
  deadlineAt: Timestamp.nullable().describe(
    "When a pending or manual-action request expires; null when it does not.",
  ),
  failureCode: z
    .string()
    .nullable()
    .describe("The last gateway failure's code, while the request needs manual action."),
  failureMessage: z.string().nullable(),
  resultTransactionId: z
    .string()
    .nullable()
    .describe("The refund or void transaction the request produced, once done."),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

function amountMatchesCurrency(json: { amount: string; currency: string }): boolean {
  const decimals = json.amount.split(".")[1]?.length ?? 0;
  return isCurrencyCode(json.currency) && decimals === currencyExponent(json.currency);
}
const AMOUNT_ERROR = {
  message: "amount must carry exactly the currency's decimals",
  path: ["amount"],
};

export const OperationRequestJsonSchema = z
  .object(operationRequestShape)
  .refine(amountMatchesCurrency, AMOUNT_ERROR)
  .meta({
    id: "OperationRequest",
    description: "A refund or void a maker asked for, and where it stands.",
  });
export type OperationRequestJson = z.output<typeof OperationRequestJsonSchema>;

export const OperationRequestHistoryEntrySchema = z
  .object({
    id: z.string().describe('Unique within the request\'s history: "audit-<n>" or "attempt-<n>".'),
    type: z.enum(["audit", "attempt"]),
    at: Timestamp,
    action: z
      .string()
      .optional()
      .describe("audit: what was done, e.g. operation_requests.approved."),
    fromState: z.string().nullable().optional().describe("audit"),
    toState: z.string().nullable().optional().describe("audit"),
    outcome: z
      .enum(["succeeded", "failed", "pending", "timeout", "error"])
      .optional()
      .describe("attempt: what the gateway said."),
    code: z.string().nullable().optional().describe("attempt: the gateway's result code."),
    message: z.string().nullable().optional().describe("attempt: the gateway's message."),
    reference: z.string().nullable().optional().describe("attempt: the gateway's reference."),
    durationMs: z.number().int().optional().describe("attempt: how long the gateway took."),
    actor: z
      .object({ id: z.string(), name: z.string(), email: z.string().nullable() })
      .nullable()
      .describe("Who acted; null for the system (background jobs)."),
    data: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("audit: what else the row recorded."),
  })
  .meta({
    id: "OperationRequestHistoryEntry",
    description:
      "One step of a request's history: an audit row (a change and who made it) or a gateway attempt (what the gateway said).",
  });
export type OperationRequestHistoryEntryJson = z.output<typeof OperationRequestHistoryEntrySchema>;

export const OperationRequestDetailJsonSchema = z
  .object({
    ...operationRequestShape,
    history: z.array(OperationRequestHistoryEntrySchema).describe("Oldest first."),
  })
  .refine(amountMatchesCurrency, AMOUNT_ERROR)
  .meta({
    id: "OperationRequestDetail",
    description: "An operation request with its whole history.",
  });
export type OperationRequestDetailJson = z.output<typeof OperationRequestDetailJsonSchema>;

export const OperationRequestListResponseSchema = z.object({
  data: z.array(OperationRequestJsonSchema),
  nextCursor: z
    .string()
    .nullable()
    .describe("Pass as `cursor` for the next page; null on the last page."),
  ...ListTotalShape,
});

export const OperationRequestDetailResponseSchema = z.object({
  data: OperationRequestDetailJsonSchema,
});
