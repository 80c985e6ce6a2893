"use client";

import { type FormEvent, useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { FIELD_CLASSES } from "@/components/ui/input";
import {
  type Operation,
  REJECTION_REASON_MAX_LENGTH,
} from "@/lib/domain/operation-requests/lifecycle";

/**
 * Asks the checker why. A native modal <dialog>: the rest of the page is inert while it is open,
 * Escape closes it, and focus returns to the Reject button afterwards.
 */
export function RejectDialog({
  orderNo,
  operation,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  orderNo: string;
  operation: Operation;
  pending: boolean;
  error: string | null;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const reasonId = useId();
  const hintId = useId();
  const errorId = useId();

  // Mounted only while open. No close() on unmount: removing the element leaves the top layer, and
  // a close() there would fire `close` (and onClose) after the next showModal of a re-run effect.
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    onSubmit(String(new FormData(event.currentTarget).get("reason") ?? ""));
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby={headingId}
      onClose={onClose}
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <form onSubmit={submit} className="space-y-4 p-5">
        <h2 id={headingId} className="text-lg font-semibold">
          Reject the {operation} for order {orderNo}?
        </h2>
        <div className="space-y-1">
          <label htmlFor={reasonId} className="block text-sm font-medium text-slate-700">
            Reason
          </label>
          <textarea
            id={reasonId}
            name="reason"
            required
            autoFocus
            rows={4}
            maxLength={REJECTION_REASON_MAX_LENGTH}
            readOnly={pending}
            aria-describedby={error ? `${hintId} ${errorId}` : hintId}
            aria-invalid={error ? true : undefined}
            className={FIELD_CLASSES}
          />
          <p id={hintId} className="text-xs text-slate-500">
            Required. The maker receives it by email. At most {REJECTION_REASON_MAX_LENGTH}{" "}
            characters.
          </p>
        </div>
        {error && (
          <p id={errorId} role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
            Go back
          </Button>
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? "Rejecting…" : "Reject request"}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
