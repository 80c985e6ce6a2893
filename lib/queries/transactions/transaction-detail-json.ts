import "server-only";
import type { TransactionDetailJson } from "@/lib/validation/transactions";
import type { TransactionDetail } from "./get-transaction";
import { toTransactionJson } from "./transaction-row";

/** The JSON of one transaction with its refunds/voids and its audit trail. */
export function toTransactionDetailJson(detail: TransactionDetail): TransactionDetailJson {
  return {
    ...toTransactionJson(detail),
    parent: detail.parent,
    children: detail.children.map(toTransactionJson),
    events: detail.events.map((event) => ({
      id: event.id.toString(),
      action: event.action,
      fromState: event.fromState,
      toState: event.toState,
      actor: { type: event.actorType, id: event.actorId, name: event.actorName },
      createdAt: event.createdAt.toISOString(),
    })),
  };
}
