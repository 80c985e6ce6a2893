"use client";

import { useEffect, useState } from "react";
import { formatRelativeTime } from "@/lib/domain/time/relative-time";
import { formatTimestamp } from "@/lib/format";

/** Re-renders every half minute, so "just now" becomes "1m ago" without a reload. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * "in 3h" or "2d ago", with the full UTC timestamp as its tooltip. The server's and the browser's
 * clocks differ by the time the page took to arrive, so the text may differ at hydration: allowed.
 */
export function RelativeTime({
  iso,
  prefix = "",
  className = "",
}: {
  iso: string;
  /** Words before the relative time ("expires "), part of the same text. */
  prefix?: string;
  className?: string;
}) {
  const now = useNow();
  const full = formatTimestamp(iso);
  return (
    <time dateTime={iso} title={full} className={className} suppressHydrationWarning>
      {prefix}
      {formatRelativeTime(iso, now)}
    </time>
  );
}
