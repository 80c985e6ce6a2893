import type { BadgeTone } from "@/components/ui/badge";

const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

export function formatMailboxTime(date: Date): string {
  return `${dateTime.format(date)} UTC`;
}

export const STATUS_TONE: Record<"pending" | "sent" | "failed", BadgeTone> = {
  pending: "amber",
  sent: "green",
  failed: "red",
};
