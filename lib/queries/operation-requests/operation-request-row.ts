import "server-only";
import { Prisma } from "@prisma/client";
import { prisma } from "@/lib/db";
import { moneyFromDecimal, toDecimalString } from "@/lib/domain/money/money";
import type { Operation, OperationRequestState } from "@/lib/domain/operation-requests/lifecycle";
import type { OperationRequestJson } from "@/lib/validation/operation-requests";

export type Person = { id: string; name: string; email: string };

/** One request with the names it points at: what every listing of requests shows. */
export type OperationRequestRow = {
  id: string;
  transactionId: string;
  orderNo: string;
  operation: Operation;
  /** Exact decimal text as stored ("12.500"). */
  amount: string;
  currency: string;
  state: OperationRequestState;
  reason: string | null;
  rejectionReason: string | null;
  gateway: { code: string; name: string };
  maker: Person;
  decidedBy: Person | null;
  decidedAt: Date | null;
  directReason: string | null;
  deadlineAt: Date | null;
  failureCode: string | null;
  failureMessage: string | null;
  resultTransactionId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

const NEWEST_FIRST = Prisma.sql`r.created_at DESC, r.id DESC`;

type SqlRow = {
  id: string;
  transaction_id: string;
  order_no: string;
  operation: Operation;
  amount: string;
  currency: string;
  state: OperationRequestState;
  reason: string | null;
  rejection_reason: string | null;
  gateway_code: string;
  gateway_name: string;
  maker_id: string;
  maker_name: string;
  maker_email: string;
  decider_id: string | null;
  decider_name: string | null;
  decider_email: string | null;
  decided_at: Date | null;
  direct_reason: string | null;
  deadline_at: Date | null;
  failure_code: string | null;
  failure_message: string | null;
  result_transaction_id: string | null;
  created_at: Date;
  updated_at: Date;
};

/**
 * The requests matching `where` (over `operation_request r`) in `order` (newest first unless
 * told), at most `limit`, with
 * order number, gateway, maker and decider. One statement: the inner query walks an index for just
 * the page, and only those rows are joined. (Prisma's include would add four more round trips.)
 */
export async function selectOperationRequestRows(
  where: Prisma.Sql,
  limit: number,
  order: Prisma.Sql = NEWEST_FIRST,
): Promise<OperationRequestRow[]> {
  const rows = await prisma.$queryRaw<SqlRow[]>`
    SELECT r.id, r.transaction_id, t.order_no, r.operation::text AS operation, r.amount::text AS amount, r.currency,
           r.state::text AS state, r.reason, r.rejection_reason,
           g.code AS gateway_code, g.name AS gateway_name,
           maker.id AS maker_id, maker.name AS maker_name, maker.email AS maker_email,
           decider.id AS decider_id, decider.name AS decider_name, decider.email AS decider_email,
           r.decided_at, r.direct_reason, r.deadline_at, r.failure_code, r.failure_message, r.result_transaction_id,
           r.created_at, r.updated_at
    FROM (
      SELECT * FROM operation_request r WHERE ${where} ORDER BY ${order} LIMIT ${limit}
    ) r
    JOIN payment_transaction t ON t.id = r.transaction_id
    JOIN payment_gateway g ON g.id = r.gateway_id
    JOIN app_user maker ON maker.id = r.submitted_by_id
    LEFT JOIN app_user decider ON decider.id = r.decided_by_id
    ORDER BY ${order}`;
  return rows.map(toRow);
}

function toRow(row: SqlRow): OperationRequestRow {
  return {
    id: row.id,
    transactionId: row.transaction_id,
    orderNo: row.order_no,
    operation: row.operation,
    amount: row.amount,
    currency: row.currency,
    state: row.state,
    reason: row.reason,
    rejectionReason: row.rejection_reason,
    gateway: { code: row.gateway_code, name: row.gateway_name },
    maker: { id: row.maker_id, name: row.maker_name, email: row.maker_email },
    decidedBy: row.decider_id
      ? { id: row.decider_id, name: row.decider_name ?? "", email: row.decider_email ?? "" }
      : null,
    decidedAt: row.decided_at,
    directReason: row.direct_reason,
    deadlineAt: row.deadline_at,
    failureCode: row.failure_code,
    failureMessage: row.failure_message,
    resultTransactionId: row.result_transaction_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The JSON of one request: the amount as a decimal string with exactly the currency's decimals. */
export function toOperationRequestJson(row: OperationRequestRow): OperationRequestJson {
  const amount = moneyFromDecimal(row.amount, row.currency);
  return {
    id: row.id,
    transactionId: row.transactionId,
    orderNo: row.orderNo,
    operation: row.operation,
    amount: toDecimalString(amount),
    currency: amount.currency,
    state: row.state,
    reason: row.reason,
    rejectionReason: row.rejectionReason,
    gateway: row.gateway,
    maker: row.maker,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    directReason: row.directReason,
    deadlineAt: row.deadlineAt?.toISOString() ?? null,
    failureCode: row.failureCode,
    failureMessage: row.failureMessage,
    resultTransactionId: row.resultTransactionId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
