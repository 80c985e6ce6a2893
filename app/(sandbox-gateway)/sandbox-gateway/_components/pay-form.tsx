"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { type SandboxPageState, submitSandboxPageAction } from "../actions";

const INITIAL: SandboxPageState = { error: null, fieldError: null };

/** The sandbox gateway's own payment page: Pay, Decline (to test a decline) and Cancel. */
export function PayForm({ reference, amount }: { reference: string; amount: string }) {
  const [state, formAction, pending] = useActionState(submitSandboxPageAction, INITIAL);
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="reference" value={reference} />
      {state.error ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {state.error}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="kind" value="redirect_pay" disabled={pending}>
          {pending ? "Working…" : `Pay ${amount}`}
        </Button>
        <Button
          type="submit"
          name="kind"
          value="redirect_decline"
          variant="danger"
          disabled={pending}
        >
          Decline
        </Button>
        <Button
          type="submit"
          name="kind"
          value="redirect_cancel"
          variant="secondary"
          disabled={pending}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
