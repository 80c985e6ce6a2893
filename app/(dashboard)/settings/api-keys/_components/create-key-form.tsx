"use client";

import { type FormEvent, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { createApiKeyAction } from "../actions";

export function CreateKeyForm() {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "");
    startTransition(async () => {
      const result = await createApiKeyAction({ name });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(null);
      setCreated({ key: result.data.key, name });
      form.reset();
    });
  }

  return (
    <section
      aria-labelledby="create-key-heading"
      className="rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="create-key-heading" className="font-medium">
        Create a key
      </h2>
      <form onSubmit={onSubmit} className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-end">
        <label className="flex-1 text-sm font-medium">
          Name
          <input
            name="name"
            required
            maxLength={80}
            placeholder="e.g. Order system"
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
          />
        </label>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create key"}
        </Button>
      </form>
      {error && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {created && (
        <div
          role="status"
          className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
        >
          <p className="font-medium">
            Copy the key for “{created.name}” now: it will not be shown again.
          </p>
          <code
            data-testid="new-api-key"
            className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono"
          >
            {created.key}
          </code>
        </div>
      )}
    </section>
  );
}
