"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FIELD_CLASSES } from "@/components/ui/input";
import { formatMoney, parseMoney } from "@/lib/domain/money/money";
import { captureSessionAction } from "../actions";

/** Capture an authorized checkout session, all or part of it, after a confirmation. */
export function CaptureButton(props: { sessionId: string; amount: string; currency: string }) {
  const router = useRouter();
  const id = useId();
  const [amount, setAmount] = useState(props.amount);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const parsed = parseMoney(amount, props.currency);

  function review() {
    const authorized = parseMoney(props.amount, props.currency);
    if (!parsed.ok) return setError(parsed.error.message);
    if (parsed.money.minor <= 0n) return setError("Enter an amount greater than zero.");
    if (authorized.ok && parsed.money.minor > authorized.money.minor)
      return setError(`At most ${formatMoney(authorized.money)} can be captured.`);
    setError(null);
    setOpen(true);
  }

  function capture() {
    startTransition(async () => {
      const result = await captureSessionAction({ sessionId: props.sessionId, amount });
      setOpen(false);
      if (!result.ok) {
        setError(result.error.message);
        toast.error(result.error.message);
        return;
      }
      toast.success(`Captured ${amount} ${props.currency}.`);
      router.refresh();
    });
  }

  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="space-y-1">
        <label htmlFor={`${id}-amount`} className="block text-sm font-medium">
          Amount to capture ({props.currency})
        </label>
        <input
          id={`${id}-amount`}
          inputMode="decimal"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={FIELD_CLASSES}
        />
      </div>
      <Button type="button" onClick={review} disabled={pending}>
        {pending ? "Capturing…" : "Capture"}
      </Button>
      {error && (
        <p id={`${id}-error`} role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Capture this payment?"
        confirmLabel={`Capture ${parsed.ok ? formatMoney(parsed.money) : amount}`}
        onConfirm={capture}
      >
        The gateway takes {parsed.ok ? formatMoney(parsed.money) : amount} from the customer's card;
        the rest of the authorization (if any) is released. This cannot be undone, only refunded.
      </ConfirmDialog>
    </div>
  );
}
