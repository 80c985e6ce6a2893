import { Badge, type BadgeTone } from "@/components/ui/badge";
import { PROCESS_STATUS_LABELS, type ProcessStatus } from "@/lib/domain/ledger/statuses";

/** Amber waits for someone, red needs someone, green moved the money, grey ended without moving it. */
const TONE: Record<ProcessStatus, BadgeTone> = {
  created: "blue",
  waiting_for_approval: "amber",
  limited: "amber",
  pending: "violet",
  processed: "green",
  declined: "neutral",
  rejected: "neutral",
  error: "red",
};

export function ProcessStatusBadge({ status }: { status: ProcessStatus }) {
  return (
    <Badge tone={TONE[status]} data-status={status}>
      {PROCESS_STATUS_LABELS[status]}
    </Badge>
  );
}
