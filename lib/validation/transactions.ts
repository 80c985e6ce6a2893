import type { TransactionKind, TransactionState } from "@prisma/client";
import { z } from "zod";
import { CURRENCY_CODES, currencyExponent, isCurrencyCode } from "@/lib/domain/money/currency";
import { PAYMENT_STATES } from "@/lib/domain/operation-requests/payment-rules";
import {
  CursorParamSchema,
  DaySchema,
  DEFAULT_LIMIT,
  DecimalText,
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

/*
 * The transaction list's filters, shared by the page (lenient: bad values are dropped and named)
 * and the API (strict: bad values and unknown parameters are a 400), plus the JSON both emit.
 */

export const TRANSACTION_STATES = PAYMENT_STATES;
export const TRANSACTION_KINDS = [
  "payment",
  "refund",
  "void",
] as const satisfies readonly TransactionKind[];
export const TRANSACTION_SORTS = ["created_at", "amount", "order_no"] as const;
export const SORT_DIRECTIONS = ["asc", "desc"] as const;

export type TransactionSort = (typeof TRANSACTION_SORTS)[number];
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

// Compile-time proof that the lists above name exactly the database enums' values.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const statesMatchDatabase: Exactly<(typeof TRANSACTION_STATES)[number], TransactionState> = true;
const kindsMatchDatabase: Exactly<(typeof TRANSACTION_KINDS)[number], TransactionKind> = true;
void statesMatchDatabase;
void kindsMatchDatabase;

const MAX_SEARCH_LENGTH = 100;

const StateListSchema = SafeLine.max(400).transform((value, ctx) => {
  const names = [
    ...new Set(
      value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = names.filter((name) => !isTransactionState(name));
  if (names.length === 0 || unknown.length > 0) {
    ctx.addIssue({
      code: "custom",
      message: `${unknown.length ? `Unknown state ${unknown.map((name) => `"${name}"`).join(", ")}; use` : "Use"} one or more of ${TRANSACTION_STATES.join(", ")}, separated by commas.`,
    });
    return z.NEVER;
  }
  return names as TransactionState[];
});

function isTransactionState(value: string): value is TransactionState {
  return (TRANSACTION_STATES as readonly string[]).includes(value);
}

export const GatewayCodeSchema = SafeLine.trim()
  .max(25, "A gateway code has at most 25 characters.")
  .regex(/^[A-Za-z0-9_-]+$/, "A gateway code has only letters, digits, '_' and '-'.");

export const CurrencySchema = SafeLine.trim()
  .toUpperCase()
  .pipe(
    z.enum(CURRENCY_CODES, {
      error: () => `Unknown currency; use one of ${CURRENCY_CODES.join(", ")}.`,
    }),
  );

const SearchSchema = SafeLine.trim().max(
  MAX_SEARCH_LENGTH,
  `Search for at most ${MAX_SEARCH_LENGTH} characters.`,
);

const listFields = {
  state: optionalParam(StateListSchema).describe(
    `One or more states, comma-separated: ${TRANSACTION_STATES.join(", ")}.`,
  ),
  gateway: optionalParam(GatewayCodeSchema).describe("A gateway code, such as knet."),
  pg: optionalParam(GatewayCodeSchema).describe(
    "Another name for gateway (the ticket table's); gateway wins if both are sent.",
  ),
  currency: optionalParam(CurrencySchema).describe(`One of ${CURRENCY_CODES.join(", ")}.`),
  from: optionalParam(DaySchema).describe("First day, inclusive, as YYYY-MM-DD in UTC."),
  to: optionalParam(DaySchema).describe("Last day, inclusive, as YYYY-MM-DD in UTC."),
  q: optionalParam(SearchSchema).describe(
    "An order number prefix, or part of the customer's name or email; case-insensitive.",
  ),
  sort: paramWithDefault(
    z.enum(TRANSACTION_SORTS, { error: `Sort by one of ${TRANSACTION_SORTS.join(", ")}.` }),
    "created_at",
  ),
  dir: paramWithDefault(
    z.enum(SORT_DIRECTIONS, { error: "The direction is asc or desc." }),
    "desc",
  ),
  limit: paramWithDefault(LimitSchema, DEFAULT_LIMIT).describe(`Rows per page, 1 to ${MAX_LIMIT}.`),
  cursor: optionalParam(CursorParamSchema).describe(
    "Opaque: the nextCursor of the previous page, with the same sort and dir.",
  ),
};

export const FILTER_KEYS = ["state", "gateway", "currency", "from", "to", "q"] as const;
export type TransactionFilterKey = (typeof FILTER_KEYS)[number];

const ALLOWED_PARAMS = Object.keys(listFields).join(", ");

function rangeIsOrdered(query: { from?: string; to?: string }): boolean {
  return !query.from || !query.to || query.from <= query.to;
}
const RANGE_ERROR = { message: "'from' is after 'to'; the range is empty.", path: ["from"] };

/** The API's query: unknown parameters are refused, so a typo is a 400 rather than a silent no-op. */
export const TransactionListQuerySchema = z
  .strictObject(listFields, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `Unknown query parameter${issue.keys.length === 1 ? "" : "s"} ${issue.keys.map((key) => `'${key}'`).join(", ")}; allowed: ${ALLOWED_PARAMS}.`
        : undefined,
  })
  .refine(rangeIsOrdered, RANGE_ERROR);

export type TransactionListQuery = z.output<typeof TransactionListQuerySchema>;
export type TransactionFilters = Pick<TransactionListQuery, TransactionFilterKey | "pg">;

/** For pages: never throws; see parsePageParams. */
export function parseTransactionListParams(raw: PageSearchParams): {
  query: TransactionListQuery;
  ignored: IgnoredParam[];
} {
  return parsePageParams(TransactionListQuerySchema, raw);
}

export const TransactionIdParamsSchema = z.object({ id: SafeLine.max(100) });

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

function decimalsOf(text: string): number {
  return text.split(".")[1]?.length ?? 0;
}

const transactionShape = {
  id: z.string(),
  orderNo: z.string(),
  state: z.enum(TRANSACTION_STATES),
  kind: z.enum(TRANSACTION_KINDS),
  /** Decimal string with exactly the currency's decimals: "12.500" KWD, "12.50" USD, "12" JPY. */
  amount: DecimalText,
  currency: z.enum(CURRENCY_CODES),
  capturedAmount: DecimalText,
  refundedAmount: DecimalText,
  /** capturedAmount - refundedAmount: what a refund could still return. */
  remainingAmount: DecimalText,
  gateway: z.object({ code: z.string(), name: z.string() }),
  unit: z.object({ id: z.string(), name: z.string() }),
  customer: z
    .object({
      id: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    })
    .nullable(),
  parentId: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

const AMOUNT_FIELDS = ["amount", "capturedAmount", "refundedAmount", "remainingAmount"] as const;

function amountsMatchCurrency(
  json: { currency: string } & Record<(typeof AMOUNT_FIELDS)[number], string>,
): boolean {
  if (!isCurrencyCode(json.currency)) return false;
  const exponent = currencyExponent(json.currency);
  return AMOUNT_FIELDS.every((field) => decimalsOf(json[field]) === exponent);
}
const AMOUNTS_ERROR = { message: "amounts must carry exactly the currency's decimals" };

export const TransactionJsonSchema = z
  .object(transactionShape)
  .refine(amountsMatchCurrency, AMOUNTS_ERROR);
export type TransactionJson = z.output<typeof TransactionJsonSchema>;

export const TransactionListResponseSchema = z.object({
  data: z.array(TransactionJsonSchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
  ...ListTotalShape,
});

export const TransactionEventJsonSchema = z.object({
  id: z.string(),
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  createdAt: Timestamp,
});
export type TransactionEventJson = z.output<typeof TransactionEventJsonSchema>;

export const TransactionDetailJsonSchema = z
  .object({
    ...transactionShape,
    parent: z.object({ id: z.string(), orderNo: z.string() }).nullable(),
    /** Refunds and voids of this payment, oldest first. */
    children: z.array(TransactionJsonSchema),
    /** The audit trail of this transaction, oldest first. */
    events: z.array(TransactionEventJsonSchema),
  })
  .refine(amountsMatchCurrency, AMOUNTS_ERROR);
export type TransactionDetailJson = z.output<typeof TransactionDetailJsonSchema>;

export const TransactionDetailResponseSchema = z.object({ data: TransactionDetailJsonSchema });
