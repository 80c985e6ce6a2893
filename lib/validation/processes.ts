import { z } from "zod";
import { ACCOUNT_KINDS } from "@/lib/domain/ledger/accounts";
import { PROCESS_TYPES, processTypeDefinition } from "@/lib/domain/ledger/catalogue";
import { EXCHANGE_RATE_PATTERN } from "@/lib/domain/ledger/exchange";
import { PROCESS_STATUSES } from "@/lib/domain/ledger/statuses";
import { TRANSFER_KINDS } from "@/lib/domain/ledger/transfers";
import { CURRENCY_CODES } from "@/lib/domain/money/currency";
import {
  CursorParamSchema,
  DaySchema,
  DEFAULT_LIMIT,
  type IgnoredParam,
  LimitSchema,
  ListTotalShape,
  MAX_LIMIT,
  optionalParam,
  type PageSearchParams,
  paramWithDefault,
  parsePageParams,
  Timestamp,
} from "./list-params";
import { SafeLine } from "./strings";
import { CurrencySchema, GatewayCodeSchema } from "./transactions";

/*
 * Business processes and accounts: the list filters shared by the pages (lenient) and the API
 * (strict), the body that runs a process, and the JSON both emit.
 */

function commaList<T extends string>(allowed: readonly T[], noun: string) {
  return SafeLine.max(1000).transform((value, ctx) => {
    const names = [
      ...new Set(
        value
          .split(",")
          .map((part) => part.trim())
          .filter(Boolean),
      ),
    ];
    const unknown = names.filter((name) => !(allowed as readonly string[]).includes(name));
    if (names.length === 0 || unknown.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `${unknown.length ? `Unknown ${noun} ${unknown.map((n) => `"${n}"`).join(", ")}; use` : "Use"} one or more of ${allowed.join(", ")}, separated by commas.`,
      });
      return z.NEVER;
    }
    return names as T[];
  });
}

/** A decimal amount as a filter bound: digits with an optional fraction (the currency's precision is checked by the query). */
const AmountBound = SafeLine.trim().regex(
  /^\d{1,15}(\.\d{1,3})?$/,
  "Use a decimal amount such as 12.500.",
);

export const ProcessIdSchema = z.uuid({ error: "A process id is a UUID." });
const UuidParam = SafeLine.trim().pipe(z.uuid({ error: "Use an id (a UUID)." }));

export const processListFields = {
  type: optionalParam(commaList(PROCESS_TYPES, "type")).describe(
    "One or more process types, comma-separated (the Types filter).",
  ),
  status: optionalParam(commaList(PROCESS_STATUSES, "status")).describe(
    `One or more statuses, comma-separated: ${PROCESS_STATUSES.join(", ")}.`,
  ),
  scope: optionalParam(
    z.enum(["client", "system"], { error: "The scope is client or system." }),
  ).describe(
    "Only client or only system processes; a scope the caller may not see returns nothing.",
  ),
  currency: optionalParam(CurrencySchema).describe(`One of ${CURRENCY_CODES.join(", ")}.`),
  customer: optionalParam(UuidParam).describe("A customer's id."),
  account: optionalParam(UuidParam).describe("An account's id: processes that touch it."),
  minAmount: optionalParam(AmountBound).describe("Smallest amount, inclusive (needs currency)."),
  maxAmount: optionalParam(AmountBound).describe("Largest amount, inclusive (needs currency)."),
  from: optionalParam(DaySchema).describe("First day, inclusive, YYYY-MM-DD in UTC."),
  to: optionalParam(DaySchema).describe("Last day, inclusive, YYYY-MM-DD in UTC."),
  dir: paramWithDefault(
    z.enum(["asc", "desc"], { error: "The direction is asc or desc." }),
    "desc",
  ),
  limit: paramWithDefault(LimitSchema, DEFAULT_LIMIT).describe(`Rows per page, 1 to ${MAX_LIMIT}.`),
  cursor: optionalParam(CursorParamSchema).describe("Opaque: the previous page's nextCursor."),
};

/** The message for unknown parameters, naming the ones this list does take. */
const unknownKeysOf =
  (shape: Record<string, unknown>) => (issue: { code: string; keys?: string[] }) =>
    issue.code === "unrecognized_keys" && issue.keys
      ? `Unknown parameter${issue.keys.length === 1 ? "" : "s"} ${issue.keys.map((key) => `'${key}'`).join(", ")}; allowed: ${Object.keys(shape).join(", ")}.`
      : undefined;

const unknownKeys = unknownKeysOf(processListFields);

function rangesAreValid(
  query: { from?: string; to?: string; minAmount?: string; maxAmount?: string; currency?: string },
  ctx: z.RefinementCtx,
) {
  if (query.from && query.to && query.from > query.to) {
    ctx.addIssue({
      code: "custom",
      path: ["from"],
      message: "'from' is after 'to'; the range is empty.",
    });
  }
  if ((query.minAmount || query.maxAmount) && !query.currency) {
    ctx.addIssue({
      code: "custom",
      path: ["minAmount"],
      message: "An amount range needs a currency.",
    });
  }
  if (query.minAmount && query.maxAmount && Number(query.minAmount) > Number(query.maxAmount)) {
    ctx.addIssue({
      code: "custom",
      path: ["minAmount"],
      message: "'minAmount' is above 'maxAmount'; the range is empty.",
    });
  }
}

export const ProcessListQuerySchema = z
  .strictObject(processListFields, { error: unknownKeys })
  .superRefine(rangesAreValid);
export type ProcessListQuery = z.output<typeof ProcessListQuerySchema>;

/** POST /api/v1/transactions/view: the same filters as a JSON body (lists may be arrays). */
export const ProcessViewBodySchema = z
  .strictObject(
    {
      ...processListFields,
      type: z
        .union([z.array(z.enum(PROCESS_TYPES)).min(1).max(50), processListFields.type])
        .optional(),
      status: z
        .union([z.array(z.enum(PROCESS_STATUSES)).min(1).max(8), processListFields.status])
        .optional(),
      limit: z.preprocess((v) => (v === undefined ? DEFAULT_LIMIT : v), LimitSchema),
    },
    { error: unknownKeys },
  )
  .superRefine(rangesAreValid);

export function parseProcessListParams(raw: PageSearchParams): {
  query: ProcessListQuery;
  ignored: IgnoredParam[];
} {
  return parsePageParams(ProcessListQuerySchema, raw);
}

// ---------------------------------------------------------------------------------------------
// Running a process
// ---------------------------------------------------------------------------------------------

const AmountText = z
  .union([z.string(), z.number()])
  .transform((value) => String(value))
  .pipe(SafeLine.trim().max(40, "The amount is too long."));
const Metadata = z
  .record(SafeLine.max(100), z.union([SafeLine.max(1000), z.number(), z.boolean(), z.null()]))
  .refine((value) => Object.keys(value).length <= 50, "At most 50 metadata keys.");

export const RunProcessBodySchema = z.strictObject({
  type: z.enum(PROCESS_TYPES, { error: `Unknown type; use one of ${PROCESS_TYPES.join(", ")}.` }),
  amount: AmountText.describe(
    'Decimal string in the currency\'s precision, e.g. "12.500" KWD. 0 for account creation.',
  ),
  currency: CurrencySchema,
  fee: AmountText.optional().describe("A fee taken from the source on top of the amount."),
  customerId: z.uuid({ error: "customerId is a UUID." }).optional(),
  sourceAccountId: z.uuid({ error: "sourceAccountId is a UUID." }).optional(),
  destinationAccountId: z.uuid({ error: "destinationAccountId is a UUID." }).optional(),
  gatewayCode: GatewayCodeSchema.optional(),
  exchangeRate: SafeLine.regex(
    EXCHANGE_RATE_PATTERN,
    "The exchange rate is a positive decimal with at most 12 decimals.",
  ).optional(),
  refundOf: z.uuid({ error: "refundOf is a process id (UUID)." }).optional(),
  requestIdentifier: SafeLine.trim().min(1).max(200).optional(),
  externalProcessId: SafeLine.trim().min(1).max(200).optional(),
  holdExpiresInSeconds: z
    .number()
    .int()
    .min(60)
    .max(90 * 24 * 3600)
    .optional()
    .describe("Distributed processes: how long the hold lasts (60 s to 90 days; default 7 days)."),
  metadata: Metadata.optional(),
});
export type RunProcessBody = z.output<typeof RunProcessBodySchema>;

export const ApproveProcessBodySchema = z.strictObject({
  amount: AmountText.optional().describe(
    "Capture only this much of the hold; the rest is released.",
  ),
  sourceAccountId: z.uuid().optional().describe("A created merchant payment: the payer's account."),
});
export const ReasonBodySchema = z.strictObject({
  reason: SafeLine.trim().min(1, "Give a reason.").max(500, "At most 500 characters."),
});
export const OptionalReasonBodySchema = z.strictObject({
  reason: SafeLine.trim().min(1).max(500).optional(),
});
export const ConfirmCodeBodySchema = z.strictObject({
  code: SafeLine.regex(/^[0-9]{6}$/, "The code is 6 digits."),
});

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

/** A signed exact decimal (an outside account's balance may be below zero). */
export const SignedDecimalText = z.string().regex(/^-?\d+(\.\d+)?$/, "a decimal string");

export const TransferJsonSchema = z
  .object({
    id: z.string(),
    seq: z.number().int().min(1).max(8),
    kind: z.enum(TRANSFER_KINDS),
    debitAccountId: z.string(),
    creditAccountId: z.string(),
    amount: SignedDecimalText,
    currency: z.string(),
    pendingId: z.string().nullable(),
    expiresAt: Timestamp.nullable(),
    processId: z.string(),
    createdAt: Timestamp,
  })
  .meta({
    id: "Transfer",
    description:
      "An atomic ledger transfer: one debit account, one credit account, one amount; immutable.",
  });
export type TransferJson = z.output<typeof TransferJsonSchema>;

export const ProcessJsonSchema = z
  .object({
    id: z.string(),
    type: z.enum(PROCESS_TYPES),
    typeName: z.string(),
    processClass: z.string(),
    scopes: z.array(z.enum(["client", "system"])),
    status: z.enum(PROCESS_STATUSES),
    amount: SignedDecimalText,
    fee: SignedDecimalText,
    currency: z.string(),
    counterAmount: SignedDecimalText.nullable(),
    counterCurrency: z.string().nullable(),
    exchangeRate: z.string().nullable(),
    customer: z.object({ id: z.string(), name: z.string() }).nullable(),
    sourceAccountId: z.string().nullable(),
    destinationAccountId: z.string().nullable(),
    gatewayCode: z.string().nullable(),
    requestIdentifier: z.string().nullable(),
    externalProcessId: z.string().nullable(),
    refundProcess: z.object({ id: z.string() }).nullable(),
    txIdToRefund: z.string().nullable(),
    paymentTransactionId: z.string().nullable(),
    statusReason: z.string().nullable(),
    limitBreaches: z.array(z.string()),
    holdExpiresAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    finishedAt: Timestamp.nullable(),
  })
  .meta({
    id: "Process",
    description: "A business process: one movement of value, as up to 8 atomic transfers.",
  });
export type ProcessJson = z.output<typeof ProcessJsonSchema>;

export const ProcessDetailJsonSchema = ProcessJsonSchema.extend({
  /** The atomic transfers of the process, seq order. */
  transactions: z.array(TransferJsonSchema),
  metadata: z.record(z.string(), z.unknown()),
  steps: z.array(
    z.object({
      action: z.string(),
      fromState: z.string().nullable(),
      toState: z.string().nullable(),
      actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
      createdAt: Timestamp,
    }),
  ),
}).meta({
  id: "ProcessDetail",
  description: "A business process with its transfers (`transactions`) and steps.",
});
export type ProcessDetailJson = z.output<typeof ProcessDetailJsonSchema>;

export const ProcessListResponseSchema = z.object({
  data: z.array(ProcessJsonSchema),
  nextCursor: z.string().nullable(),
  ...ListTotalShape,
});

export const ProcessDetailResponseSchema = z.object({ data: ProcessDetailJsonSchema });

/**
 * The id in a ledger path (/processes/{id}, /accounts/{id}, /customers/{id}): any short safe text,
 * so that a malformed id answers 404 like an unknown one (the routes check the UUID form before any
 * query), while control characters are a 400 like everywhere else.
 */
export const LedgerIdParamsSchema = z.strictObject({
  id: SafeLine.max(100).describe("The id (a UUID)."),
});

export const AccountJsonSchema = z
  .object({
    id: z.string(),
    kind: z.enum(ACCOUNT_KINDS),
    kindName: z.string(),
    name: z.string(),
    currency: z.string(),
    status: z.enum(["active", "closed"]),
    customer: z.object({ id: z.string(), name: z.string() }).nullable(),
    gatewayCode: z.string().nullable(),
    flags: z.object({
      debitsMustNotExceedCredits: z.boolean(),
      creditsMustNotExceedDebits: z.boolean(),
    }),
    balances: z.object({
      debitsPending: SignedDecimalText,
      debitsPosted: SignedDecimalText,
      creditsPending: SignedDecimalText,
      creditsPosted: SignedDecimalText,
      /** On the account's normal side: credits - debits for coins, debits - credits for cash desks and outside accounts. */
      posted: SignedDecimalText,
      pending: SignedDecimalText,
      available: SignedDecimalText,
    }),
    createdAt: Timestamp,
  })
  .meta({
    id: "Account",
    description: "A ledger account (coin) with its balances.",
  });
export type AccountJson = z.output<typeof AccountJsonSchema>;

const accountListFields = {
  kind: optionalParam(commaList(ACCOUNT_KINDS, "kind")).describe(
    `One or more account kinds, comma-separated: ${ACCOUNT_KINDS.join(", ")}.`,
  ),
  currency: optionalParam(CurrencySchema).describe(`One of ${CURRENCY_CODES.join(", ")}.`),
  customer: optionalParam(UuidParam).describe("A customer's id: that customer's accounts."),
  limit: paramWithDefault(LimitSchema, DEFAULT_LIMIT).describe(`Rows per page, 1 to ${MAX_LIMIT}.`),
  cursor: optionalParam(CursorParamSchema).describe("Opaque: the previous page's nextCursor."),
};

export const AccountListQuerySchema = z.strictObject(accountListFields, {
  error: unknownKeysOf(accountListFields),
});
export type AccountListQuery = z.output<typeof AccountListQuerySchema>;

const transferListFields = {
  limit: paramWithDefault(LimitSchema, DEFAULT_LIMIT).describe(`Rows per page, 1 to ${MAX_LIMIT}.`),
  cursor: optionalParam(CursorParamSchema).describe("Opaque: the previous page's nextCursor."),
};

export const TransferListQuerySchema = z.strictObject(transferListFields, {
  error: unknownKeysOf(transferListFields),
});

/** GET /customers/{id}/accounts: the account list's filters but the customer, who is in the path. */
const customerAccountListFields = {
  kind: accountListFields.kind,
  currency: accountListFields.currency,
  limit: accountListFields.limit,
  cursor: accountListFields.cursor,
};

export const CustomerAccountListQuerySchema = z.strictObject(customerAccountListFields, {
  error: unknownKeysOf(customerAccountListFields),
});

export const AccountListResponseSchema = z.object({
  data: z.array(AccountJsonSchema),
  nextCursor: z.string().nullable(),
  ...ListTotalShape,
});

export const AccountDetailResponseSchema = z.object({ data: AccountJsonSchema });

export const TransferListResponseSchema = z.object({
  data: z.array(TransferJsonSchema),
  nextCursor: z.string().nullable(),
});

/** Type names for the Types filter, in the catalogue's order. */
export const PROCESS_TYPE_OPTIONS = PROCESS_TYPES.map((type) => ({
  value: type,
  label: processTypeDefinition(type).uiName,
}));
