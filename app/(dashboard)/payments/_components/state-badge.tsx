import { Badge, type BadgeTone } from "@/components/ui/badge";
import { humanize } from "@/lib/format";
import type { TransactionJson } from "@/lib/validation/transactions";

const TONE: Record<TransactionJson["state"], BadgeTone> = {
  created: "amber",
  pending: "amber",
  attempted: "amber",
  authorized: "blue",
  paid: "green",
  failed: "red",
  canceled: "neutral",
  expired: "neutral",
  voided: "neutral",
  refunded: "violet",
  partially_refunded: "violet",
};

export function StateBadge({ state }: { state: TransactionJson["state"] }) {
  return <Badge tone={TONE[state]}>{humanize(state)}</Badge>;
}
