"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ProcessType } from "@/lib/domain/ledger/catalogue";
import { CURRENCY_CODES } from "@/lib/domain/money/currency";
import { setLimitProfileAction } from "../actions";

type Option = { value: ProcessType; label: string };

const blank = (value: FormDataEntryValue | null) => {
  const text = String(value ?? "").trim();
  return text === "" ? null : text;
};

/** Adds or changes the limits of one type and currency; an empty field means no limit. */
export function LimitProfileForm({ types }: { types: Option[] }) {
  const id = useId();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const count = blank(data.get("maxDailyCount"));
    const input = {
      type: String(data.get("type")) as ProcessType,
      currency: String(data.get("currency")),
      maxAmount: blank(data.get("maxAmount")),
      maxDailyTotal: blank(data.get("maxDailyTotal")),
      maxDailyCount: count === null ? null : Number(count),
    };
    startTransition(async () => {
      const result = await setLimitProfileAction(input);
      if (!result.ok) {
        setError(result.error.message);
        toast.error(result.error.message);
        return;
      }
      setError(null);
      toast.success("Limits saved");
      router.refresh();
    });
  }

  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={`${id}-heading`} className="text-lg font-medium">
        Set limits
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Leave a field empty for no limit; leaving all three empty removes the profile. Amounts are
        in the currency&apos;s precision (12.500 KWD, 12.50 USD).
      </p>
      <form onSubmit={onSubmit} className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Field id={`${id}-type`} label="Type">
          <Select id={`${id}-type`} name="type" required className="mt-1">
            {types.map((type) => (
              <option key={type.value} value={type.value}>
                {type.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={`${id}-currency`} label="Currency">
          <Select
            id={`${id}-currency`}
            name="currency"
            required
            defaultValue="KWD"
            className="mt-1"
          >
            {CURRENCY_CODES.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={`${id}-max-amount`} label="Most per process">
          <Input
            id={`${id}-max-amount`}
            name="maxAmount"
            inputMode="decimal"
            placeholder="No limit"
            className="mt-1"
          />
        </Field>
        <Field id={`${id}-max-daily-total`} label="Most per customer per day">
          <Input
            id={`${id}-max-daily-total`}
            name="maxDailyTotal"
            inputMode="decimal"
            placeholder="No limit"
            className="mt-1"
          />
        </Field>
        <Field id={`${id}-max-daily-count`} label="Processes per customer per day">
          <Input
            id={`${id}-max-daily-count`}
            name="maxDailyCount"
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            placeholder="No limit"
            className="mt-1"
          />
        </Field>
        <div className="flex items-end">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save limits"}
          </Button>
        </div>
      </form>
      {error && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
    </section>
  );
}

/** A label above its control (not wrapping it: a wrapped select's options would join its name). */
function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

/** Removes a profile after asking: processes of that type then run without review. */
export function RemoveLimitButton({
  type,
  typeName,
  currency,
}: {
  type: ProcessType;
  typeName: string;
  currency: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  function remove() {
    startTransition(async () => {
      const result = await setLimitProfileAction({
        type,
        currency,
        maxAmount: null,
        maxDailyTotal: null,
        maxDailyCount: null,
      });
      if (!result.ok) {
        toast.error(result.error.message);
        return;
      }
      toast.success(`Limits on ${typeName} in ${currency} removed`);
      setOpen(false);
      router.refresh();
    });
  }
  return (
    <>
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() => setOpen(true)}
        aria-label={`Remove the limits on ${typeName} in ${currency}`}
      >
        Remove
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Remove the limits on ${typeName} in ${currency}?`}
        confirmLabel="Remove limits"
        tone="danger"
        onConfirm={remove}
      >
        {typeName} processes in {currency} will then run without review, however large.
      </ConfirmDialog>
    </>
  );
}
