/** The ledger's paths (issue 7): business processes, their steps, accounts and transfers. */
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import type { z } from "zod";
import {
  LimitProfileBodySchema,
  LimitProfileListResponseSchema,
} from "@/lib/validation/limit-profiles";
import {
  AccountDetailResponseSchema,
  AccountListQuerySchema,
  AccountListResponseSchema,
  ApproveProcessBodySchema,
  ConfirmCodeBodySchema,
  CustomerAccountListQuerySchema,
  LedgerIdParamsSchema,
  OptionalReasonBodySchema,
  ProcessDetailResponseSchema,
  ProcessListQuerySchema,
  ProcessListResponseSchema,
  ProcessViewBodySchema,
  ReasonBodySchema,
  RunProcessBodySchema,
  TransferListQuerySchema,
  TransferListResponseSchema,
} from "@/lib/validation/processes";
import type { ErrorCode } from "../errors";
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER } from "../idempotency";
import {
  AUTH_ERRORS,
  errorResponses,
  IDEMPOTENCY_ERRORS,
  IdempotencyHeaders,
  JSON_BODY_ERRORS,
  json,
  ReplayedHeader,
  SIGNED_IN,
} from "./shared";

const VIEWERS =
  "Needs `transactions.view_client` (client processes and accounts), `transactions.view_system` " +
  "(system ones) or both; with neither, 403. Anything outside the caller's scopes is left out of " +
  "lists and answers 404 by id.";

/** What moving the ledger can answer, besides bad input. */
const LEDGER_ERRORS: ErrorCode[] = [
  "insufficient_funds",
  "currency_mismatch",
  "account_closed",
  "invalid_state",
];

const ProcessHeaders = IdempotencyHeaders.extend({
  [IDEMPOTENCY_KEY_HEADER]: IdempotencyHeaders.shape[IDEMPOTENCY_KEY_HEADER].describe(
    "Optional, 1 to 255 printable ASCII characters: the process's own key, unique per merchant and " +
      "kept with the process (not the 48-hour response store of the other POSTs). The same key with " +
      `the same content answers 200 with the first process as it stands now and \`${IDEMPOTENT_REPLAYED_HEADER}: true\`; ` +
      "with other content, 422 `idempotency_key_reuse`.",
  ),
});

function body(schema: z.ZodType, required = true) {
  return { required, content: { "application/json": { schema } } };
}

export function registerLedgerPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/v1/processes",
    tags: ["Ledger"],
    summary: "List business processes",
    description:
      "Every movement of value is a business process of up to 8 atomic transfers. Newest first (`dir=asc` for oldest), " +
      "keyset paging: pass `nextCursor` back as `cursor` with the same `dir`. `type` and `status` take comma-separated " +
      "lists; `scope=client|system` narrows to one side (a scope the caller may not see returns no rows, not an error); " +
      "`minAmount`/`maxAmount` need `currency`. Unknown parameters are refused. " +
      VIEWERS,
    security: SIGNED_IN,
    request: { query: ProcessListQuerySchema },
    responses: {
      200: json(ProcessListResponseSchema, "One page."),
      ...errorResponses(["validation_error", ...AUTH_ERRORS]),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/transactions/view",
    tags: ["Ledger"],
    summary: "List business processes (filters as a JSON body)",
    description:
      "The same list as `GET /api/v1/processes`, under the name of the source system, with the filters as a JSON body " +
      "(`type` and `status` may be arrays or comma-separated text). A read: nothing is written and no " +
      `\`${IDEMPOTENCY_KEY_HEADER}\` is taken. The body may be left out. ${VIEWERS}`,
    security: SIGNED_IN,
    request: { body: body(ProcessViewBodySchema, false) },
    responses: {
      200: json(ProcessListResponseSchema, "One page."),
      ...errorResponses([...JSON_BODY_ERRORS, ...AUTH_ERRORS]),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/processes",
    tags: ["Ledger"],
    summary: "Run a business process",
    description:
      "The first session of a process of any client- or system-side type. Single-session types post all their " +
      "transfers at once (`processed`); distributed withdrawals hold the amount (`pending`) until approve or decline; " +
      "a process over a limit profile is created `limited` and holds nothing until review; a card issue starts " +
      "`waiting_for_approval` (the customer is emailed a one-time code); a merchant payment without `sourceAccountId` " +
      "starts `created`. Amounts are decimal strings in the currency's precision. Nothing is written when it is refused. " +
      "Needs `processes.run` and a viewer scope the type belongs to; card refunds and reversals are made by the " +
      "operations API (422 `operation_not_allowed`).",
    security: SIGNED_IN,
    request: { headers: ProcessHeaders, body: body(RunProcessBodySchema) },
    responses: {
      200: json(
        ProcessDetailResponseSchema,
        "A replay: the first process with this key.",
        ReplayedHeader,
      ),
      201: json(ProcessDetailResponseSchema, "The process as it stands."),
      ...errorResponses([
        ...JSON_BODY_ERRORS,
        ...AUTH_ERRORS,
        "idempotency_key_reuse",
        "not_found",
        "operation_not_allowed",
        "amount_exceeds_remaining",
        ...LEDGER_ERRORS,
      ]),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/processes/{id}",
    tags: ["Ledger"],
    summary: "Get a business process",
    description:
      "One process with `transactions` (its atomic transfers, each with its `id`, in seq order), `refundProcess`, " +
      `\`txIdToRefund\`, \`requestIdentifier\`, \`externalProcessId\` and its steps (who did what, when). ${VIEWERS}`,
    security: SIGNED_IN,
    request: { params: LedgerIdParamsSchema },
    responses: {
      200: json(ProcessDetailResponseSchema, "The process."),
      ...errorResponses(["validation_error", ...AUTH_ERRORS, "not_found"]),
    },
  });

  const steps: {
    action: string;
    summary: string;
    description: string;
    schema: z.ZodType;
    optional: boolean;
    errors: ErrorCode[];
  }[] = [
    {
      action: "approve",
      summary: "Approve a process",
      description:
        "The approval the process's status calls for: a `limited` process is approved by the anti-fraud reviewer " +
        "(`processes.review`) and runs its first session; a card issue `waiting_for_approval` is approved by the service " +
        "role (`processes.service`) and runs once the customer's code is confirmed too; a `pending` distributed process " +
        "captures its hold (all of it, or `amount` of it: the rest is released); a `created` merchant payment is paid " +
        "from `sourceAccountId`. The body may be left out.",
      schema: ApproveProcessBodySchema,
      optional: true,
      errors: [...LEDGER_ERRORS, "hold_expired"],
    },
    {
      action: "decline",
      summary: "Decline a process",
      description:
        "A `pending` distributed process releases its hold back to the sender; a `created` merchant payment or a card " +
        "issue `waiting_for_approval` ends without moving anything. Optional `reason`; the body may be left out.",
      schema: OptionalReasonBodySchema,
      optional: true,
      errors: ["invalid_state", "hold_expired"],
    },
    {
      action: "reject",
      summary: "Reject a limited process",
      description:
        "The anti-fraud reviewer (`processes.review`) rejects a `limited` process with a reason (at most 500 characters). " +
        "Nothing was held; nothing moves.",
      schema: ReasonBodySchema,
      optional: false,
      errors: ["invalid_state"],
    },
    {
      action: "confirm-otp",
      summary: "Confirm a card issue's one-time code",
      description:
        "The 6-digit code emailed to the customer for a card issue `waiting_for_approval` (10 minutes, 5 tries; a wrong " +
        "code is a 400 `validation_error` that counts a try). With the service role's approval too, the card issue runs.",
      schema: ConfirmCodeBodySchema,
      optional: false,
      errors: LEDGER_ERRORS,
    },
  ];
  for (const { action, summary, description, schema, optional, errors } of steps) {
    registry.registerPath({
      method: "post",
      path: `/api/v1/processes/{id}/${action}`,
      tags: ["Ledger"],
      summary,
      description: `${description} Answers with the process as it stands afterwards.`,
      security: SIGNED_IN,
      request: {
        params: LedgerIdParamsSchema,
        headers: IdempotencyHeaders,
        body: body(schema, !optional),
      },
      responses: {
        200: json(ProcessDetailResponseSchema, "The process as it stands.", ReplayedHeader),
        ...errorResponses([
          ...JSON_BODY_ERRORS,
          ...AUTH_ERRORS,
          ...IDEMPOTENCY_ERRORS,
          "not_found",
          ...errors,
        ]),
      },
    });
  }

  registry.registerPath({
    method: "get",
    path: "/api/v1/accounts",
    tags: ["Ledger"],
    summary: "List ledger accounts",
    description:
      "The merchant's accounts (client coins, vouchers and deposits with the client scope; merchant coin, clearing, bank, " +
      "cash desks, exchange reserves and fees with the system scope), oldest first, each with its balances. " +
      VIEWERS,
    security: SIGNED_IN,
    request: { query: AccountListQuerySchema },
    responses: {
      200: json(AccountListResponseSchema, "One page."),
      ...errorResponses(["validation_error", ...AUTH_ERRORS]),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/accounts/{id}",
    tags: ["Ledger"],
    summary: "Get an account and its balances",
    description:
      "The four balance columns (debits/credits, pending/posted) and, on the account's normal side, `posted`, `pending` " +
      `(held by holds not yet resolved) and \`available\` (posted less pending). ${VIEWERS}`,
    security: SIGNED_IN,
    request: { params: LedgerIdParamsSchema },
    responses: {
      200: json(AccountDetailResponseSchema, "The account."),
      ...errorResponses(["validation_error", ...AUTH_ERRORS, "not_found"]),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/accounts/{id}/transfers",
    tags: ["Ledger"],
    summary: "List an account's transfers",
    description: `The atomic transfers that debit or credit the account, newest first, keyset-paged. ${VIEWERS}`,
    security: SIGNED_IN,
    request: { params: LedgerIdParamsSchema, query: TransferListQuerySchema },
    responses: {
      200: json(TransferListResponseSchema, "One page."),
      ...errorResponses(["validation_error", ...AUTH_ERRORS, "not_found"]),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/customers/{id}/accounts",
    tags: ["Ledger"],
    summary: "List a customer's accounts",
    description:
      "The customer's coins, vouchers and deposits with their balances. Needs `transactions.view_client`; 404 for " +
      "another merchant's customer.",
    security: SIGNED_IN,
    request: { params: LedgerIdParamsSchema, query: CustomerAccountListQuerySchema },
    responses: {
      200: json(AccountListResponseSchema, "One page."),
      ...errorResponses(["validation_error", ...AUTH_ERRORS, "not_found"]),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/limit-profiles",
    tags: ["Ledger"],
    summary: "List limit profiles",
    description:
      "Per process type and currency: the most one process may move and the most one customer may move per day " +
      "(total and count). A process over a limit is created `limited` and waits for review. Needs `processes.review`.",
    security: SIGNED_IN,
    responses: {
      200: json(LimitProfileListResponseSchema, "Every profile of the merchant."),
      ...errorResponses([...AUTH_ERRORS]),
    },
  });
  registry.registerPath({
    method: "put",
    path: "/api/v1/limit-profiles",
    tags: ["Ledger"],
    summary: "Set the limit profile of one type and currency",
    description:
      "Amounts in the currency's precision; null for no limit; all three null removes the profile. Audited with " +
      "before and after. Needs `processes.review`.",
    security: SIGNED_IN,
    request: { body: body(LimitProfileBodySchema) },
    responses: {
      200: json(LimitProfileListResponseSchema, "Every profile of the merchant, after the change."),
      ...errorResponses([...JSON_BODY_ERRORS, ...AUTH_ERRORS]),
    },
  });
}
