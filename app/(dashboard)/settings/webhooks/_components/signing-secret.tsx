"use client";

import { useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { revealSecretAction, rotateSecretAction } from "../actions";

const UNREACHABLE = "The server could not be reached. Check your connection and try again.";
const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/**
 * The signing secret: hidden until revealed (it is fetched only then, so it is not in the page's
 * HTML), copyable, and rotated after a confirmation that says the old one keeps working a day.
 */
export function SigningSecret({
  exists,
  previousExpiresAt,
}: {
  exists: boolean;
  previousExpiresAt: string | null;
}) {
  const [secret, setSecret] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const busy = useRef(false);
  const [confirming, setConfirming] = useState(false);
  const [overlapUntil, setOverlapUntil] = useState(previousExpiresAt);

  function once(work: () => Promise<void>) {
    if (busy.current) return;
    busy.current = true;
    startTransition(async () => {
      try {
        await work();
      } catch {
        toast.error(UNREACHABLE);
      } finally {
        busy.current = false;
      }
    });
  }

  const reveal = () =>
    once(async () => {
      const result = await revealSecretAction({});
      if (!result.ok) toast.error(result.error.message);
      else setSecret(result.data);
    });

  const rotate = () =>
    once(async () => {
      const result = await rotateSecretAction({});
      if (!result.ok) {
        toast.error(result.error.message);
        return;
      }
      setSecret(result.data.secret);
      setOverlapUntil(result.data.previousSecretExpiresAt);
      toast.success("Signing secret rotated", {
        description: result.data.previousSecretExpiresAt
          ? `The previous secret also signs until ${dateTime.format(new Date(result.data.previousSecretExpiresAt))} UTC.`
          : undefined,
      });
    });

  async function copy() {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      toast.success("Secret copied");
    } catch {
      toast.error("Could not copy; select the secret and copy it by hand.");
    }
  }

  return (
    <section
      aria-labelledby="secret-heading"
      className="rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="secret-heading" className="font-medium">
        Signing secret
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Every webhook carries <code className="rounded bg-slate-100 px-1">webhook-id</code>,{" "}
        <code className="rounded bg-slate-100 px-1">webhook-timestamp</code> and{" "}
        <code className="rounded bg-slate-100 px-1">webhook-signature</code> headers (Standard
        Webhooks). Verify the signature with this secret against the raw body.
      </p>
      {exists || secret ? (
        <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
          <code
            data-testid="webhook-secret"
            className="min-w-0 flex-1 break-all rounded bg-slate-100 px-2 py-1.5 font-mono text-sm"
          >
            {secret ?? "whsec_••••••••••••••••••••••••"}
          </code>
          <span className="flex gap-2">
            {secret ? (
              <Button variant="secondary" onClick={copy}>
                Copy
              </Button>
            ) : (
              <Button variant="secondary" disabled={pending} onClick={reveal}>
                Reveal
              </Button>
            )}
            <Button variant="secondary" disabled={pending} onClick={() => setConfirming(true)}>
              Rotate
            </Button>
          </span>
        </div>
      ) : (
        <p className="mt-3 text-sm text-slate-600">
          The secret is created with your first endpoint.
        </p>
      )}
      {overlapUntil && (
        <p className="mt-2 text-sm text-amber-800">
          The previous secret also signs until {dateTime.format(new Date(overlapUntil))} UTC.
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Rotate the signing secret?"
        confirmLabel="Rotate secret"
        onConfirm={rotate}
      >
        <p>
          A new secret signs every webhook from now on. The current one keeps signing beside it for
          24 hours, so switch your receivers to the new one within a day.
        </p>
      </ConfirmDialog>
    </section>
  );
}
