"use client";

import { useRef, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { resendDeliveryAction } from "../actions";

const UNREACHABLE = "The server could not be reached. Check your connection and try again.";

export function ResendButton({
  id,
  endpointId,
  eventId,
}: {
  id: string;
  endpointId: string;
  eventId: string;
}) {
  const [pending, startTransition] = useTransition();
  const busy = useRef(false);
  return (
    <Button
      variant="secondary"
      className="px-2.5 py-1 text-xs"
      disabled={pending}
      aria-label={`Resend ${eventId}`}
      onClick={() => {
        if (busy.current) return;
        busy.current = true;
        startTransition(async () => {
          try {
            const result = await resendDeliveryAction({ id, endpointId });
            if (!result.ok) toast.error(result.error.message, { description: eventId });
            else if (result.data.delivered)
              toast.success(`Resent: the endpoint answered ${result.data.responseStatus}`, {
                description: eventId,
              });
            else
              toast.error(
                result.data.responseStatus
                  ? `Resent, but the endpoint answered ${result.data.responseStatus}`
                  : `Resent, but no answer: ${result.data.error}`,
                { description: eventId },
              );
          } catch {
            toast.error(UNREACHABLE);
          } finally {
            busy.current = false;
          }
        });
      }}
    >
      {pending ? "Resending…" : "Resend"}
    </Button>
  );
}
