import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { SessionState } from "@/lib/domain/checkout/lifecycle";
import { humanize } from "@/lib/format";

const TONE: Record<SessionState, BadgeTone> = {
  created: "amber",
  pending: "amber",
  attempted: "amber",
  authorized: "blue",
  paid: "green",
  failed: "red",
  canceled: "neutral",
  expired: "neutral",
};

export function LinkStateBadge({ state }: { state: SessionState }) {
  return <Badge tone={TONE[state] ?? "neutral"}>{humanize(state)}</Badge>;
}
