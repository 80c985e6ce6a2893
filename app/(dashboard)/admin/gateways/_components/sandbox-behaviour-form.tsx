"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { GatewayWithSandbox } from "@/lib/queries/gateways/list-gateways";
import { updateSandboxBehaviourAction } from "../actions";

const MODES = [
  { value: "succeed", label: "Succeed" },
  { value: "decline", label: "Decline" },
  { value: "error", label: "Error (gateway 5xx)" },
  { value: "timeout", label: "Time out" },
] as const;

type Mode = (typeof MODES)[number]["value"];

export function SandboxBehaviourForm({ gateway }: { gateway: GatewayWithSandbox }) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const mode = String(data.get("mode")) as Mode;
    const failNext = String(data.get("failNext") ?? "");
    startTransition(async () => {
      const result = await updateSandboxBehaviourAction({ gatewayId: gateway.id, mode, failNext });
      if (!result.ok) {
        setSaved(null);
        setError(result.error.message);
        return;
      }
      setError(null);
      setSaved(`Saved the sandbox behaviour of ${gateway.name}.`);
      router.refresh();
    });
  }

  const headingId = `${id}-heading`;
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-lg border border-slate-200 bg-white p-4"
    >
      <h3 id={headingId} className="font-medium">
        {gateway.name} <span className="font-normal text-slate-500">({gateway.code})</span>
      </h3>
      <p className="text-sm text-slate-600">Currency: {gateway.currency}</p>
      <form onSubmit={onSubmit} className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="sm:w-56">
          <label htmlFor={`${id}-mode`} className="block text-sm font-medium">
            Mode
          </label>
          <Select id={`${id}-mode`} name="mode" defaultValue={gateway.mode} className="mt-1">
            {MODES.map((mode) => (
              <option key={mode.value} value={mode.value}>
                {mode.label}
              </option>
            ))}
          </Select>
        </div>
        <div className="sm:w-48">
          <label htmlFor={`${id}-fail-next`} className="block text-sm font-medium">
            Fail the next N calls
          </label>
          <Input
            id={`${id}-fail-next`}
            name="failNext"
            type="number"
            inputMode="numeric"
            min={0}
            max={1000}
            step={1}
            required
            defaultValue={gateway.failNext}
            className="mt-1"
          />
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
      </form>
      {error && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <p role="status" className={saved ? "mt-3 text-sm text-emerald-800" : "sr-only"}>
        {saved}
      </p>
    </section>
  );
}
