"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { type SandboxPageState, submitSandboxPageAction } from "../actions";

const INITIAL: SandboxPageState = { error: null, fieldError: null };

/** The one-time code form of the sandbox ACS page, with Submit and Cancel. */
export function AcsForm({ reference }: { reference: string }) {
  const [state, formAction, pending] = useActionState(submitSandboxPageAction, INITIAL);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="reference" value={reference} />
      <div className="space-y-1">
        <label htmlFor="acs-code" className="block text-sm font-medium text-slate-800">
          One-time code
        </label>
        <Input
          id="acs-code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          aria-invalid={state.fieldError ? true : undefined}
          aria-describedby={state.fieldError ? "acs-code-error acs-code-hint" : "acs-code-hint"}
          autoFocus
        />
        <p id="acs-code-hint" className="text-xs text-slate-500">
          Sandbox: 123456 passes the check; 000000 (or any other code) fails it.
        </p>
        {state.fieldError ? (
          <p id="acs-code-error" role="alert" className="text-sm text-red-700">
            {state.fieldError}
          </p>
        ) : null}
      </div>
      {state.error ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {state.error}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="kind" value="acs_code" disabled={pending}>
          {pending ? "Checking…" : "Submit"}
        </Button>
        <Button type="submit" name="kind" value="acs_cancel" variant="secondary" disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
