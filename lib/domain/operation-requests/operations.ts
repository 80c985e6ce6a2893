import type { Permission } from "@/lib/domain/auth/permissions";

/** The money operations a member may ask for on a payment. The database enum mirrors OPERATIONS. */
export const OPERATIONS = ["refund", "void"] as const;
export type Operation = (typeof OPERATIONS)[number];

/** The permission that lets its holder request, cancel or retry an operation. */
export const OPERATION_PERMISSION = {
  refund: "payments.refund",
  void: "payments.void",
} as const satisfies Record<Operation, Permission>;

/** How every page, email and message names an operation. */
export const OPERATION_LABELS: Record<Operation, string> = { refund: "Refund", void: "Void" };

/** The refusal a second request on a payment gets while one is open; the payment page's banner says the same. */
export function operationPendingMessage(operation: Operation): string {
  return `Requested ${OPERATION_LABELS[operation]} is pending for approval`;
}
