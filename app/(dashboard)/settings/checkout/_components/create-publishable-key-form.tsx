"use client";

import { type FormEvent, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { createPublishableKeyAction } from "../actions";
import { originsFromText } from "./origins";

export function CreatePublishableKeyForm() {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = String(data.get("name") ?? "");
    const origins = originsFromText(String(data.get("origins") ?? ""));
    startTransition(async () => {
      const result = await createPublishableKeyAction({ name, allowed_origins: origins });
      if (!result.ok) {
        setError(result.error.message);
        toast.error(`The key was not created: ${result.error.message}`);
        return;
      }
      setError(null);
      form.reset();
      toast.success(`Publishable key “${result.data.name}” created: ${result.data.key}`);
    });
  }

  return (
    <section
      aria-labelledby="create-pk-heading"
      className="rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="create-pk-heading" className="font-medium">
        Create a publishable key
      </h2>
      <form onSubmit={onSubmit} className="mt-3 space-y-3">
        <label className="block text-sm font-medium">
          Name
          <input
            name="name"
            required
            maxLength={80}
            placeholder="e.g. Web shop"
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
          />
        </label>
        <label className="block text-sm font-medium">
          Allowed origins, one per line
          <textarea
            name="origins"
            required
            rows={3}
            placeholder={"https://shop.example\nhttps://www.shop.example"}
            aria-describedby="origins-help"
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
          />
        </label>
        <p id="origins-help" className="text-xs text-slate-600">
          Scheme, host and port only (no path), up to 20. Only these pages may embed the checkout
          and read sessions with the key.
        </p>
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create key"}
        </Button>
      </form>
    </section>
  );
}
