"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ApprovalSettingsInput } from "@/lib/validation/operation-requests";
import { updateApprovalSettingsAction } from "../actions";
import { SaveFeedback } from "./save-feedback";
import { useSave } from "./use-save";

/** Turns approval on or off, keeping the saved expiry and notification settings as they are. */
export function PluginStatusForm({
  settings,
  installed,
  canManage,
}: {
  settings: ApprovalSettingsInput;
  installed: boolean;
  canManage: boolean;
}) {
  const { pending, error, saved, save } = useSave();
  const [confirming, setConfirming] = useState(false);
  const enabled = settings.enabled;

  function toggle() {
    save(
      () => updateApprovalSettingsAction({ ...settings, enabled: !enabled }),
      enabled ? "The plugin is disabled." : "The plugin is enabled.",
    );
  }

  return (
    <section
      aria-labelledby="plugin-status-heading"
      className="rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="plugin-status-heading" className="font-medium">
        Status
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {enabled
          ? "Enabled: refunds and voids wait for the checker's approval, except those of the checker and of whitelisted members."
          : installed
            ? "Disabled: refunds and voids go to the gateway as soon as they are requested."
            : "Not installed: refunds and voids go to the gateway as soon as they are requested. Enabling installs the plugin with the settings below."}
      </p>
      {canManage && (
        <Button
          type="button"
          variant={enabled ? "secondary" : "primary"}
          className="mt-3"
          disabled={pending}
          // Turning approval off lets every refund and void through at once: ask first.
          onClick={() => (enabled ? setConfirming(true) : toggle())}
        >
          {enabled ? "Disable the plugin" : "Enable the plugin"}
        </Button>
      )}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Disable operations approval?"
        confirmLabel="Disable approval"
        cancelLabel="Keep it on"
        tone="danger"
        onConfirm={toggle}
      >
        <p>
          From now on every refund and void goes to the gateway as soon as it is requested, with
          nobody approving it.
        </p>
      </ConfirmDialog>
      <SaveFeedback error={error} saved={saved} />
    </section>
  );
}
