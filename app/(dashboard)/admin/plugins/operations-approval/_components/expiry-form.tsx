"use client";

import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { EXPIRY_HOURS_LIMITS } from "@/lib/domain/operation-requests/deadlines";
import type { ApprovalSettingsInput } from "@/lib/validation/operation-requests";
import { updateApprovalSettingsAction } from "../actions";
import { SaveFeedback } from "./save-feedback";
import { useSave } from "./use-save";

const LIMITS = EXPIRY_HOURS_LIMITS;

/** Expiry and the checker's email, saved together; the plugin's enabled state is kept as it is. */
export function ExpiryForm({
  settings,
  canManage,
}: {
  settings: ApprovalSettingsInput;
  canManage: boolean;
}) {
  const { pending, error, saved, save } = useSave();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    save(
      () =>
        updateApprovalSettingsAction({
          enabled: settings.enabled,
          manualActionExpiryHours: String(data.get("manualActionExpiryHours") ?? ""),
          pendingExpiryHours: String(data.get("pendingExpiryHours") ?? ""),
          notifyCheckerOnPending: data.get("notifyCheckerOnPending") === "on",
        }),
      "Settings saved.",
    );
  }

  return (
    <section
      aria-labelledby="expiry-heading"
      className="rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="expiry-heading" className="font-medium">
        Expiry and notifications
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        A request takes its deadline when it enters the state, from the setting at that moment.
        Changing a setting later does not move the deadlines of existing requests.
      </p>
      <form onSubmit={onSubmit} className="mt-3 space-y-4">
        <fieldset disabled={!canManage || pending} className="space-y-4">
          <legend className="sr-only">Expiry and notifications</legend>
          <div className="sm:w-80">
            <label htmlFor="manual-action-expiry" className="block text-sm font-medium">
              Manual action expiry (hours)
            </label>
            <Input
              id="manual-action-expiry"
              name="manualActionExpiryHours"
              type="number"
              inputMode="numeric"
              required
              min={LIMITS.manualActionExpiryHours.min}
              max={LIMITS.manualActionExpiryHours.max}
              step={1}
              defaultValue={settings.manualActionExpiryHours}
              aria-describedby="manual-action-expiry-hint"
              className="mt-1"
            />
            <p id="manual-action-expiry-hint" className="mt-1 text-xs text-slate-600">
              How long a request that failed at the gateway waits for someone to retry it before it
              expires. Default 48.
            </p>
          </div>
          <div className="sm:w-80">
            <label htmlFor="pending-expiry" className="block text-sm font-medium">
              Pending expiry (hours)
            </label>
            <Input
              id="pending-expiry"
              name="pendingExpiryHours"
              type="number"
              inputMode="numeric"
              required
              min={LIMITS.pendingExpiryHours.min}
              max={LIMITS.pendingExpiryHours.max}
              step={1}
              defaultValue={settings.pendingExpiryHours}
              aria-describedby="pending-expiry-hint"
              className="mt-1"
            />
            <p id="pending-expiry-hint" className="mt-1 text-xs text-slate-600">
              How long a request waits for the checker before it expires. 0 means never.
            </p>
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="notifyCheckerOnPending"
              defaultChecked={settings.notifyCheckerOnPending}
              className="size-4"
            />
            Email the checker about new pending requests
          </label>
        </fieldset>
        {canManage ? (
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save settings"}
          </Button>
        ) : (
          <p className="text-sm text-slate-600">
            Only an owner or admin can change these settings.
          </p>
        )}
      </form>
      <SaveFeedback error={error} saved={saved} />
    </section>
  );
}
