import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { OperationRequestState } from "@/lib/domain/operation-requests/lifecycle";
import { humanize } from "@/lib/format";

/** Amber waits for someone, red needs someone, green moved the money, grey ended without moving it. */
const TONE: Record<OperationRequestState, BadgeTone> = {
  pending: "amber",
  approved: "blue",
  done: "green",
  manual_action_required: "red",
  rejected: "neutral",
  canceled: "neutral",
  expired: "neutral",
};

export function RequestStateBadge({ state }: { state: OperationRequestState }) {
  return <Badge tone={TONE[state]}>{humanize(state)}</Badge>;
}
