"use client";

import { useEffect, useState } from "react";
import { formatCountdown } from "@/lib/domain/checkout/page-view";

/** The time left to pay, ticking each second; the page reloads once it runs out (expired view). */
export function Countdown({
  expiresAt,
  expiredLabel,
}: {
  expiresAt: string;
  expiredLabel: string;
}) {
  const end = new Date(expiresAt).getTime();
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => {
      const ms = end - Date.now();
      setLeft(ms);
      if (ms <= 0) {
        window.clearInterval(timer);
        window.location.reload();
      }
    };
    const timer = window.setInterval(tick, 1000);
    tick();
    return () => window.clearInterval(timer);
  }, [end]);
  return (
    <time
      dateTime={expiresAt}
      dir="ltr"
      className="font-mono text-slate-800"
      data-testid="countdown"
    >
      {left === null ? "" : left <= 0 ? expiredLabel : formatCountdown(left)}
    </time>
  );
}
