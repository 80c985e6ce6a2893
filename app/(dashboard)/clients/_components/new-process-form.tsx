"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useId, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, ConfirmFacts } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { PROCESS_STATUS_LABELS } from "@/lib/domain/ledger/statuses";
import { formatAmount } from "@/lib/format";
import { runClientProcessAction } from "../actions";

type FormType = "bank_topup" | "client_transaction_transfer" | "bank_redeem";

const TEXT: Record<
  FormType,
  { account: string; describe: (amount: string, account: string) => string }
> = {
  bank_topup: {
    account: "Into account",
    describe: (amount, account) => `This moves ${amount} from the bank account to ${account}.`,
  },
  client_transaction_transfer: {
    account: "From account",
    describe: (amount, account) =>
      `This moves ${amount} from ${account} to the destination account.`,
  },
  bank_redeem: {
    account: "From account",
    describe: (amount, account) =>
      `This holds ${amount} on ${account} for the bank; it is captured or released in the second session.`,
  },
};

/**
 * A new process for this client: top-up via bank, transfer or withdrawal via bank. The types
 * offered are those the viewer may run (mayRunProcess, computed on the server); the service asks
 * again. Confirmed in a dialog that names the amount and the accounts.
 */
export function NewProcessForm({
  types,
  accounts,
  customer,
}: {
  types: { value: FormType; label: string }[];
  accounts: { id: string; name: string; currency: string }[];
  customer: string;
}) {
  const router = useRouter();
  const ids = useId();
  const [type, setType] = useState<FormType>(types[0].value);
  const [accountId, setAccountId] = useState(accounts[0].id);
  const [amount, setAmount] = useState("");
  const [destination, setDestination] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const key = useRef<string | null>(null);
  const busy = useRef(false);

  const account = accounts.find((a) => a.id === accountId) ?? accounts[0];
  const label = types.find((t) => t.value === type)?.label ?? type;
  let shown = `${amount} ${account.currency}`;
  try {
    shown = formatAmount(amount.trim(), account.currency);
  } catch {
    // Not a valid amount yet: the service answers with the reason.
  }

  function review(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    // One key per confirmed submission: a double click replays the first process.
    key.current = crypto.randomUUID();
    setConfirming(true);
  }

  function submit() {
    if (busy.current || !key.current) return;
    busy.current = true;
    const idempotencyKey = key.current;
    startTransition(async () => {
      try {
        const result = await runClientProcessAction({
          type,
          amount,
          currency: account.currency,
          accountId: account.id,
          destinationAccountId: type === "client_transaction_transfer" ? destination : undefined,
          idempotencyKey,
        });
        if (result.ok) {
          toast.success(
            `${label} created: the process is ${PROCESS_STATUS_LABELS[result.data.status].toLowerCase()}.`,
            { description: customer },
          );
          router.push(`/ledger/transactions/${result.data.processId}`);
        } else {
          setError(result.error.message);
          toast.error(result.error.message);
        }
      } catch {
        setError("The server could not be reached. Check your connection and try again.");
      } finally {
        busy.current = false;
      }
    });
  }

  return (
    <form
      onSubmit={review}
      className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
    >
      <div className="space-y-1">
        <label htmlFor={`${ids}-type`} className="block text-sm font-medium text-slate-700">
          Process
        </label>
        <Select
          id={`${ids}-type`}
          value={type}
          onChange={(e) => setType(e.target.value as FormType)}
        >
          {types.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </Select>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${ids}-account`} className="block text-sm font-medium text-slate-700">
          {TEXT[type].account}
        </label>
        <Select
          id={`${ids}-account`}
          value={accountId}
          onChange={(e) => setAccountId(e.target.value)}
        >
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
      </div>
      {type === "client_transaction_transfer" && (
        <div className="space-y-1">
          <label
            htmlFor={`${ids}-destination`}
            className="block text-sm font-medium text-slate-700"
          >
            To account (id)
          </label>
          <Input
            id={`${ids}-destination`}
            required
            value={destination}
            onChange={(e) => setDestination(e.target.value)}
            placeholder="Another client coin's id"
          />
        </div>
      )}
      <div className="space-y-1">
        <label htmlFor={`${ids}-amount`} className="block text-sm font-medium text-slate-700">
          Amount ({account.currency})
        </label>
        <Input
          id={`${ids}-amount`}
          required
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          placeholder="e.g. 10.000"
        />
      </div>
      <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-4">
        <Button type="submit" disabled={isPending}>
          Review {label.toLowerCase()}
        </Button>
        {isPending && (
          <span role="status" className="text-sm text-slate-500">
            Running…
          </span>
        )}
      </div>
      {error && (
        <p
          role="alert"
          className="rounded bg-red-50 px-3 py-2 text-sm text-red-800 sm:col-span-2 lg:col-span-4"
        >
          {error}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Run a ${label.toLowerCase()} of ${shown}?`}
        confirmLabel={`Run ${label.toLowerCase()}`}
        onConfirm={submit}
      >
        <p>{TEXT[type].describe(shown, account.name)}</p>
        <ConfirmFacts
          facts={[
            ["Process", label],
            ["Amount", shown],
            ["Client", customer],
            [TEXT[type].account, account.name],
            ...(type === "client_transaction_transfer"
              ? [["To account", destination || "—"] as [string, string]]
              : []),
          ]}
        />
      </ConfirmDialog>
    </form>
  );
}
