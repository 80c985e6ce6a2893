import { Badge } from "@/components/ui/badge";

const REASONS: Record<string, string> = {
  gone: "it answered 410 Gone",
  failing: "a day of failures",
  manual: "by hand",
};

export function EndpointStatus({ enabled, reason }: { enabled: boolean; reason: string | null }) {
  if (enabled) return <Badge tone="green">Enabled</Badge>;
  return (
    <Badge tone="red" title={reason ? `Disabled: ${REASONS[reason] ?? reason}` : undefined}>
      Disabled{reason && reason !== "manual" ? ` (${REASONS[reason] ?? reason})` : ""}
    </Badge>
  );
}
