"use client";

import { type FormEvent, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/domain/webhooks/events";
import { createEndpointAction } from "../actions";

const UNREACHABLE = "The server could not be reached. Check your connection and try again.";

export function AddEndpointForm() {
  const [pending, startTransition] = useTransition();
  const busy = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const [allEvents, setAllEvents] = useState(true);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy.current) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const url = String(data.get("url") ?? "").trim();
    const description = String(data.get("description") ?? "").trim();
    const eventTypes = allEvents ? [] : (data.getAll("eventTypes") as WebhookEventType[]);
    if (!allEvents && eventTypes.length === 0) {
      setError("Choose at least one event, or receive every event.");
      return;
    }
    busy.current = true;
    startTransition(async () => {
      try {
        const result = await createEndpointAction({
          url,
          description: description || undefined,
          eventTypes,
        });
        if (!result.ok) {
          setError(result.error.message);
          toast.error(result.error.message);
          return;
        }
        setError(null);
        form.reset();
        setAllEvents(true);
        toast.success("Endpoint added", { description: result.data.url });
      } catch {
        setError(UNREACHABLE);
        toast.error(UNREACHABLE);
      } finally {
        busy.current = false;
      }
    });
  }

  return (
    <section
      aria-labelledby="add-endpoint-heading"
      className="rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="add-endpoint-heading" className="font-medium">
        Add an endpoint
      </h2>
      <form onSubmit={onSubmit} className="mt-3 space-y-3">
        <div className="grid gap-3 sm:grid-cols-2">
          <label className="text-sm font-medium">
            URL
            <Input
              name="url"
              type="url"
              required
              maxLength={2048}
              placeholder="https://example.com/webhooks"
              className="mt-1"
              aria-describedby={error ? "add-endpoint-error" : undefined}
            />
          </label>
          <label className="text-sm font-medium">
            Description <span className="font-normal text-slate-500">(optional)</span>
            <Input
              name="description"
              maxLength={200}
              placeholder="e.g. Order system"
              className="mt-1"
            />
          </label>
        </div>
        <fieldset className="text-sm">
          <legend className="font-medium">Events</legend>
          <label className="mt-1 flex items-center gap-2">
            <input
              type="checkbox"
              checked={allEvents}
              onChange={(e) => setAllEvents(e.target.checked)}
            />
            Every event, including ones added later
          </label>
          {!allEvents && (
            <div className="mt-2 grid gap-1 sm:grid-cols-2">
              {WEBHOOK_EVENT_TYPES.map((type) => (
                <label
                  key={type}
                  className="flex min-w-0 items-center gap-2 break-all font-mono text-xs"
                >
                  <input type="checkbox" name="eventTypes" value={type} />
                  {type}
                </label>
              ))}
            </div>
          )}
        </fieldset>
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add endpoint"}
        </Button>
      </form>
      {error && (
        <p
          id="add-endpoint-error"
          role="alert"
          className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {error}
        </p>
      )}
    </section>
  );
}
