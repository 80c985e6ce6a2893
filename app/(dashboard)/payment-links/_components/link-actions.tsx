"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { cancelPaymentLinkAction, resendPaymentLinkAction } from "../actions";

const CHANNEL_LABELS = { email: "Email", sms: "SMS", whatsapp: "WhatsApp" } as const;
type Channel = keyof typeof CHANNEL_LABELS;

export type LinkActionTarget = {
  id: string;
  orderNo: string;
  amount: string;
  currency: string;
  shortUrl: string;
  qrUrl: string;
  customerEmail: string | null;
  customerPhone: string | null;
  /** Still payable: resend and cancel make sense. */
  open: boolean;
};

/** Copies a link and says so; a browser without clipboard access is told to copy it by hand. */
export function CopyLinkButton({ url, label = "Copy link" }: { url: string; label?: string }) {
  return (
    <Button
      type="button"
      variant="secondary"
      className="px-2 py-1 text-xs"
      aria-label={`${label}: ${url}`}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(url);
          toast.success("Link copied", { description: url });
        } catch {
          toast.error("Could not copy; select the link and copy it by hand.", { description: url });
        }
      }}
    >
      {label}
    </Button>
  );
}

/** The link's QR code (served at /c/{code}/qr) in a dialog, with the link beneath it. */
export function QrButton({ qrUrl, shortUrl }: { qrUrl: string; shortUrl: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [failed, setFailed] = useState(false);
  return (
    <>
      <Button
        type="button"
        variant="secondary"
        className="px-2 py-1 text-xs"
        onClick={() => dialog.current?.showModal()}
      >
        QR code
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[calc(100vw-2rem)] max-w-sm rounded-lg border border-slate-200 p-5 backdrop:bg-slate-900/40"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          QR code
        </h2>
        <div className="my-4 flex justify-center">
          {failed ? (
            <p className="text-sm text-slate-600">The QR image is not available yet.</p>
          ) : (
            // biome-ignore lint/performance/noImgElement: an image we serve ourselves, not optimised by next/image
            <img
              src={qrUrl}
              alt={`QR code for ${shortUrl}`}
              width={240}
              height={240}
              onError={() => setFailed(true)}
            />
          )}
        </div>
        <p className="break-all text-sm text-slate-700">{shortUrl}</p>
        <div className="mt-4 flex justify-end gap-2">
          <CopyLinkButton url={shortUrl} />
          <Button type="button" onClick={() => dialog.current?.close()}>
            Close
          </Button>
        </div>
      </dialog>
    </>
  );
}

/** Resend (choose channels, confirm) and Cancel (confirm), each followed by a toast. */
export function ResendCancelButtons({ link }: { link: LinkActionTarget }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [resendOpen, setResendOpen] = useState(false);
  const [cancelOpen, setCancelOpen] = useState(false);
  const available: Channel[] = [
    ...(link.customerEmail ? (["email"] as const) : []),
    ...(link.customerPhone ? (["sms", "whatsapp"] as const) : []),
  ];
  const [channels, setChannels] = useState<Channel[]>(available.slice(0, 1));
  if (!link.open) return null;

  function resend() {
    startTransition(async () => {
      const result = await resendPaymentLinkAction({ id: link.id, channels });
      if (result.ok)
        toast.success(
          `Link sent again by ${result.data.channels.map((c) => CHANNEL_LABELS[c]).join(", ")}`,
        );
      else toast.error(result.error.message);
      router.refresh();
    });
  }
  function cancel() {
    startTransition(async () => {
      const result = await cancelPaymentLinkAction({ id: link.id });
      if (result.ok) toast.success(`Payment link ${link.orderNo} canceled`);
      else toast.error(result.error.message);
      router.refresh();
    });
  }

  return (
    <>
      {available.length > 0 && (
        <Button
          type="button"
          variant="secondary"
          className="px-2 py-1 text-xs"
          disabled={pending}
          onClick={() => {
            setChannels(available.slice(0, 1));
            setResendOpen(true);
          }}
        >
          Resend
        </Button>
      )}
      <Button
        type="button"
        variant="secondary"
        className="px-2 py-1 text-xs text-red-700"
        disabled={pending}
        onClick={() => setCancelOpen(true)}
      >
        Cancel
      </Button>
      <ConfirmDialog
        open={resendOpen}
        onOpenChange={setResendOpen}
        title={`Resend ${link.orderNo}?`}
        confirmLabel="Send"
        onConfirm={() => {
          if (channels.length === 0) toast.error("Choose at least one channel.");
          else resend();
        }}
      >
        <p>
          The link for {link.amount} {link.currency} goes to the customer again by:
        </p>
        <fieldset className="space-y-1">
          <legend className="sr-only">Channels</legend>
          {available.map((channel) => (
            <label key={channel} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={channels.includes(channel)}
                onChange={(event) =>
                  setChannels((current) =>
                    event.target.checked
                      ? [...current, channel]
                      : current.filter((c) => c !== channel),
                  )
                }
              />
              {CHANNEL_LABELS[channel]}{" "}
              <span className="text-slate-500">
                ({channel === "email" ? link.customerEmail : link.customerPhone})
              </span>
            </label>
          ))}
        </fieldset>
      </ConfirmDialog>
      <ConfirmDialog
        open={cancelOpen}
        onOpenChange={setCancelOpen}
        title={`Cancel ${link.orderNo}?`}
        confirmLabel="Cancel the link"
        cancelLabel="Keep it"
        tone="danger"
        onConfirm={cancel}
      >
        <p>
          The customer can no longer pay {link.amount} {link.currency} with this link. This cannot
          be undone; a new link would be needed.
        </p>
      </ConfirmDialog>
    </>
  );
}
