"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, ConfirmFacts } from "@/components/ui/confirm-dialog";
import { deleteEndpointAction, setEndpointEnabledAction } from "../actions";

const UNREACHABLE = "The server could not be reached. Check your connection and try again.";

/** Enable / disable and delete (with a confirmation) one endpoint. */
export function EndpointActions({
  id,
  url,
  enabled,
  afterDelete,
}: {
  id: string;
  url: string;
  enabled: boolean;
  /** Where to go once deleted (the detail page leaves for the list). */
  afterDelete?: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const busy = useRef(false);
  const [confirming, setConfirming] = useState(false);

  function run(
    call: () => Promise<{ ok: boolean; error?: { message: string } }>,
    success: string,
    then?: () => void,
  ) {
    if (busy.current) return;
    busy.current = true;
    startTransition(async () => {
      try {
        const result = await call();
        if (result.ok) {
          toast.success(success, { description: url });
          then?.();
        } else toast.error(result.error?.message ?? "That did not work.", { description: url });
      } catch {
        toast.error(UNREACHABLE);
      } finally {
        busy.current = false;
      }
    });
  }

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        variant="secondary"
        disabled={pending}
        aria-label={`${enabled ? "Disable" : "Enable"} ${url}`}
        onClick={() =>
          run(
            () => setEndpointEnabledAction({ id, enabled: !enabled }),
            enabled ? "Endpoint disabled" : "Endpoint enabled",
          )
        }
      >
        {enabled ? "Disable" : "Enable"}
      </Button>
      <Button
        variant="danger"
        disabled={pending}
        aria-label={`Delete ${url}`}
        onClick={() => setConfirming(true)}
      >
        Delete
      </Button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Delete this endpoint?"
        confirmLabel="Delete endpoint"
        tone="danger"
        onConfirm={() =>
          run(
            () => deleteEndpointAction({ id }),
            "Endpoint deleted",
            () => afterDelete && router.push(afterDelete),
          )
        }
      >
        <p>No more webhooks are sent to it, and its delivery log is deleted with it.</p>
        <ConfirmFacts
          facts={[
            [
              "URL",
              <span key="url" className="break-all">
                {url}
              </span>,
            ],
          ]}
        />
      </ConfirmDialog>
    </span>
  );
}
