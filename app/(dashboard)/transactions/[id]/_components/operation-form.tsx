"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FIELD_CLASSES, Input } from "@/components/ui/input";
import {
  OPERATION_LABELS,
  type Operation,
  type OperationRequestState,
  REQUEST_REASON_MAX_LENGTH,
} from "@/lib/domain/operation-requests/lifecycle";
import { submitOperationAction } from "../actions";

export type OperationOption = { enabled: boolean; reason: string | null };

type Outcome = { message: string; tone: "good" | "neutral" | "warning" };

const OUTCOME_CLASSES: Record<Outcome["tone"], string> = {
  good: "bg-emerald-50 text-emerald-800",
  neutral: "bg-sky-50 text-sky-900",
  warning: "bg-amber-50 text-amber-900",
};

/** What the submitter is told, by the state the request reached before the action returned. */
function outcomeOf(operation: Operation, state: OperationRequestState): Outcome {
  const label = OPERATION_LABELS[operation];
  switch (state) {
    case "pending":
      return {
        message: `${label} requested: waiting for the checker's approval.`,
        tone: "neutral",
      };
    case "approved":
      return { message: `${label} approved: it is being sent to the gateway.`, tone: "neutral" };
    case "done":
      return { message: `${label} done.`, tone: "good" };
    case "manual_action_required":
      return {
        message: `${label} failed at the gateway: manual action required.`,
        tone: "warning",
      };
    default:
      return { message: `${label} request ${state.replaceAll("_", " ")}.`, tone: "warning" };
  }
}

export function OperationForm(props: {
  transactionId: string;
  currency: string;
  /** The payment's full amount, which a void always covers. */
  amount: string;
  remainingAmount: string;
  refund: OperationOption;
  void: OperationOption;
}) {
  const { transactionId, currency, amount, remainingAmount } = props;
  const router = useRouter();
  const ids = useId();
  const [open, setOpen] = useState<Operation | null>(null);
  const [refundAmount, setRefundAmount] = useState(remainingAmount);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();

  function openForm(operation: Operation) {
    setOpen(operation);
    setRefundAmount(remainingAmount);
    setReason("");
    setError(null);
    setSuccess(null);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!open) return;
    const operation = open;
    const note = reason.trim();
    startTransition(async () => {
      const result = await submitOperationAction({
        transactionId,
        operation,
        // A void always covers the full amount, so it sends none of its own.
        amount: operation === "refund" ? refundAmount.trim() : undefined,
        reason: note === "" ? undefined : note,
      });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(null);
      setOpen(null);
      setSuccess(outcomeOf(result.data.operation, result.data.state));
      router.refresh();
    });
  }

  const formId = `${ids}-form`;
  const operations: Operation[] = ["refund", "void"];

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-start gap-3">
        {operations.map((operation) => {
          const option = props[operation];
          const hintId = `${ids}-${operation}-hint`;
          return (
            <div key={operation} className="max-w-xs">
              <Button
                type="button"
                variant={operation === "void" ? "danger" : "primary"}
                disabled={!option.enabled || pending}
                aria-expanded={open === operation}
                aria-controls={open === operation ? formId : undefined}
                aria-describedby={option.reason ? hintId : undefined}
                onClick={() => (open === operation ? setOpen(null) : openForm(operation))}
              >
                {OPERATION_LABELS[operation]}
              </Button>
              {option.reason && (
                <p id={hintId} className="mt-1 text-xs text-slate-600">
                  {option.reason}
                </p>
              )}
            </div>
          );
        })}
      </div>

      <p
        role="status"
        className={
          success ? `rounded-md px-3 py-2 text-sm ${OUTCOME_CLASSES[success.tone]}` : "sr-only"
        }
      >
        {success?.message}
      </p>

      {open && (
        <form
          id={formId}
          onSubmit={onSubmit}
          aria-labelledby={`${formId}-heading`}
          className="max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-4"
        >
          <h3 id={`${formId}-heading`} className="font-medium">
            {open === "refund" ? "Refund this payment" : "Void this payment"}
          </h3>
          <div>
            <label htmlFor={`${formId}-amount`} className="block text-sm font-medium">
              Amount
            </label>
            <div className="mt-1 flex items-center gap-2">
              {open === "refund" ? (
                <Input
                  id={`${formId}-amount`}
                  name="amount"
                  inputMode="decimal"
                  autoComplete="off"
                  required
                  autoFocus
                  value={refundAmount}
                  onChange={(event) => setRefundAmount(event.target.value)}
                  aria-describedby={`${formId}-amount-hint`}
                  aria-invalid={error !== null || undefined}
                />
              ) : (
                <Input
                  id={`${formId}-amount`}
                  name="amount"
                  readOnly
                  value={amount}
                  aria-describedby={`${formId}-amount-hint`}
                />
              )}
              <span className="text-sm text-slate-600">{currency}</span>
            </div>
            <p id={`${formId}-amount-hint`} className="mt-1 text-xs text-slate-600">
              {open === "refund"
                ? `Up to ${remainingAmount} ${currency}, what is left to refund.`
                : "A void releases the whole authorization."}
            </p>
          </div>
          <div>
            <label htmlFor={`${formId}-reason`} className="block text-sm font-medium">
              Reason <span className="font-normal text-slate-500">(optional)</span>
            </label>
            <textarea
              id={`${formId}-reason`}
              name="reason"
              rows={3}
              maxLength={REQUEST_REASON_MAX_LENGTH}
              autoFocus={open === "void"}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              className={`mt-1 ${FIELD_CLASSES}`}
            />
          </div>
          {error && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          )}
          <div className="flex gap-2">
            <Button
              type="submit"
              variant={open === "void" ? "danger" : "primary"}
              disabled={pending}
            >
              {open === "refund" ? "Request refund" : "Request void"}
            </Button>
            <Button
              type="button"
              variant="secondary"
              disabled={pending}
              onClick={() => setOpen(null)}
            >
              Cancel
            </Button>
            {pending && <span className="self-center text-sm text-slate-600">Submitting…</span>}
          </div>
        </form>
      )}
    </div>
  );
}
