"use client";

import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { type ReactNode, useRef } from "react";

const TONES = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-700",
  danger: "bg-red-600 text-white hover:bg-red-700",
} as const;

/**
 * Asks before something that moves money or cannot be taken back. Radix's alert dialog: the page
 * behind is inert, focus stays inside, Escape and "Go back" cancel, and focus returns to the
 * button that opened it. Focus starts on the confirm button, so Enter confirms what the dialog names.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  children,
  confirmLabel,
  cancelLabel = "Go back",
  tone = "primary",
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** What exactly will happen: operation, amount, order, people. */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  tone?: keyof typeof TONES;
  onConfirm: () => void;
}) {
  const confirm = useRef<HTMLButtonElement>(null);
  // Opened without a Radix trigger, so Radix cannot know where focus came from: remember it.
  const opener = useRef<HTMLElement | null>(null);
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content
          onOpenAutoFocus={(event) => {
            event.preventDefault();
            opener.current =
              document.activeElement instanceof HTMLElement ? document.activeElement : null;
            confirm.current?.focus();
          }}
          onCloseAutoFocus={(event) => {
            // Back to the button that opened it, when it is still there (a confirmed Approve is not).
            if (opener.current?.isConnected) {
              event.preventDefault();
              opener.current.focus();
            }
          }}
          className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 space-y-4 rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-xl"
        >
          <AlertDialog.Title className="text-lg font-semibold">{title}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="space-y-2 text-sm text-slate-700">{children}</div>
          </AlertDialog.Description>
          <div className="flex flex-wrap justify-end gap-2">
            <AlertDialog.Cancel className="inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">
              {cancelLabel}
            </AlertDialog.Cancel>
            <AlertDialog.Action
              ref={confirm}
              onClick={onConfirm}
              className={`inline-flex items-center justify-center rounded-md px-3 py-2 text-sm font-medium ${TONES[tone]}`}
            >
              {confirmLabel}
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

/** A definition list of the facts a confirmation names. */
export function ConfirmFacts({ facts }: { facts: [label: string, value: ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
      {facts.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="font-medium text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
