"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FIELD_CLASSES, Input } from "@/components/ui/input";
import { formatMoney, parseMoney } from "@/lib/domain/money/money";
import {
  OPERATION_LABELS,
  type Operation,
  REQUEST_REASON_MAX_LENGTH,
} from "@/lib/domain/operation-requests/lifecycle";
import { describeOutcome, type Outcome } from "@/lib/domain/operation-requests/wording";
import { submitOperationAction } from "../actions";

export type OperationOption = { enabled: boolean; reason: string | null };

const OUTCOME_CLASSES: Record<Outcome["tone"], string> = {
  success: "bg-emerald-50 text-emerald-800",
  info: "bg-sky-50 text-sky-900",
  warning: "bg-amber-50 text-amber-900",
};

/** What the review step shows: the amount as the payment's currency writes it. */
type Review = { amount: string; reason: string };

export function OperationForm(props: {
  transactionId: string;
  orderNo: string;
  /** The payment's customer, named in the review step; null when none is recorded. */
  customer: string | null;
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
  const [review, setReview] = useState<Review | null>(null);
  const [pending, startTransition] = useTransition();

  function openForm(operation: Operation) {
    setOpen(operation);
    setRefundAmount(remainingAmount);
    setReason("");
    setError(null);
    setSuccess(null);
    setReview(null);
  }

  /** First submit: check the amount here and show what will be asked for; nothing is sent yet. */
  function onReview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!open) return;
    const parsed = parseMoney(open === "refund" ? refundAmount : amount, currency);
    if (!parsed.ok) {
      setError(parsed.error.message);
      return;
    }
    setError(null);
    setReview({ amount: formatMoney(parsed.money), reason: reason.trim() });
  }

  function onSubmit() {
    if (!open || !review) return;
    const operation = open;
    const note = review.reason;
    startTransition(async () => {
      const result = await submitOperationAction({
        transactionId,
        operation,
        // A void always covers the full amount, so it sends none of its own.
        amount: operation === "refund" ? refundAmount.trim() : undefined,
        reason: note === "" ? undefined : note,
      });
      if (!result.ok) {
        // Back to the form, where the message sits beside the field to correct.
        setReview(null);
        setError(result.error.message);
        toast.error(result.error.message);
        return;
      }
      setError(null);
      setOpen(null);
      setReview(null);
      const outcome = describeOutcome("submit", result.data, new Date());
      setSuccess(outcome);
      (outcome.tone === "warning" ? toast.warning : toast.success)(outcome.message);
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

      {open && review && (
        <section
          id={formId}
          aria-labelledby={`${formId}-review-heading`}
          className="max-w-md space-y-4 rounded-lg border border-slate-300 bg-white p-4"
        >
          <h3 id={`${formId}-review-heading`} className="font-medium">
            Check the {open} before you submit
          </h3>
          <p className="text-sm" data-testid="operation-review">
            You are about to request a {open} of <strong>{review.amount}</strong> on order{" "}
            <strong>{props.orderNo}</strong>
            {props.customer ? (
              <>
                {" "}
                for <strong>{props.customer}</strong>
              </>
            ) : null}
            .{" "}
            {open === "refund"
              ? "The money goes back to the customer"
              : "The authorization is released"}{" "}
            once it is approved (at once when you act without approval).
          </p>
          {review.reason && <p className="text-sm text-slate-600">Reason: {review.reason}</p>}
          <div className="flex gap-2">
            <Button
              type="button"
              autoFocus
              variant={open === "void" ? "danger" : "primary"}
              disabled={pending}
              onClick={onSubmit}
            >
              {open === "refund" ? "Submit refund request" : "Submit void request"}
            </Button>
            <Button
              type="button"
              variant="secondary"
              disabled={pending}
              onClick={() => setReview(null)}
            >
              Back
            </Button>
            {pending && <span className="self-center text-sm text-slate-600">Submitting…</span>}
          </div>
        </section>
      )}

      {open && !review && (
        <form
          id={formId}
          onSubmit={onReview}
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
              {open === "refund" ? "Review refund" : "Review void"}
            </Button>
            <Button
              type="button"
              variant="secondary"
              disabled={pending}
              onClick={() => setOpen(null)}
            >
              Cancel
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
