"use client";

import { type FormEvent, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { revokePublishableKeyAction, updatePublishableKeyOriginsAction } from "../actions";
import { originsFromText } from "./origins";

export type PublishableKeyItem = {
  id: string;
  name: string;
  key: string;
  origins: string[];
  created: string;
  revoked: string | null;
};

export function PublishableKeyRow({ item }: { item: PublishableKeyItem }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function copy() {
    navigator.clipboard.writeText(item.key).then(
      () => toast.success(`Copied ${item.key}`),
      () => toast.error("The browser did not allow copying; select the key and copy it."),
    );
  }

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const origins = originsFromText(String(new FormData(event.currentTarget).get("origins") ?? ""));
    startTransition(async () => {
      const result = await updatePublishableKeyOriginsAction({
        id: item.id,
        allowed_origins: origins,
      });
      if (!result.ok) {
        setError(result.error.message);
        toast.error(`The origins were not saved: ${result.error.message}`);
        return;
      }
      setError(null);
      setEditing(false);
      toast.success(`Allowed origins of “${item.name}” saved.`);
    });
  }

  function revoke() {
    setConfirming(false);
    startTransition(async () => {
      const result = await revokePublishableKeyAction({ id: item.id });
      if (result.ok)
        toast.success(`“${item.name}” revoked: pages using it stop loading the checkout.`);
      else toast.error(`The key was not revoked: ${result.error.message}`);
    });
  }

  return (
    <li
      className="space-y-2 border-t border-slate-100 px-4 py-3 first:border-t-0"
      data-testid="publishable-key"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium">{item.name}</p>
          <code className="block break-all font-mono text-xs text-slate-700">{item.key}</code>
          <p className="text-xs text-slate-500">
            Created {item.created}
            {item.revoked ? ` · Revoked ${item.revoked}` : ""}
          </p>
        </div>
        {item.revoked ? (
          <span className="text-sm text-slate-500">Revoked</span>
        ) : (
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={copy} aria-label={`Copy key ${item.name}`}>
              Copy key
            </Button>
            <Button
              variant="secondary"
              onClick={() => setEditing((open) => !open)}
              aria-expanded={editing}
              aria-label={`Edit origins of ${item.name}`}
            >
              Edit origins
            </Button>
            <Button
              variant="secondary"
              disabled={pending}
              onClick={() => setConfirming(true)}
              aria-label={`Revoke key ${item.name}`}
            >
              {pending ? "Working…" : "Revoke"}
            </Button>
          </div>
        )}
      </div>
      {editing ? (
        <form onSubmit={save} className="space-y-2">
          <label className="block text-sm font-medium">
            Allowed origins of {item.name}, one per line
            <textarea
              name="origins"
              required
              rows={Math.min(Math.max(item.origins.length + 1, 2), 8)}
              defaultValue={item.origins.join("\n")}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
            />
          </label>
          {error ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          ) : null}
          <div className="flex gap-2">
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save origins"}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <ul className="flex flex-wrap gap-1" aria-label={`Allowed origins of ${item.name}`}>
          {item.origins.map((origin) => (
            <li
              key={origin}
              className="break-all rounded bg-slate-100 px-2 py-0.5 font-mono text-xs"
            >
              {origin}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Revoke “${item.name}”?`}
        confirmLabel="Revoke key"
        tone="danger"
        onConfirm={revoke}
      >
        Pages embedding the checkout with {item.key} stop loading it at once, and the key can no
        longer read sessions. This cannot be undone.
      </ConfirmDialog>
    </li>
  );
}
