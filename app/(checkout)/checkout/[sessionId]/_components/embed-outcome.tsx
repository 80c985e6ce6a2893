"use client";

import { useEffect } from "react";
import type { OutcomeData } from "@/lib/domain/checkout/embed-protocol";
import { postToParent } from "./embed";

/** Tells the merchant's page (embed mode, verified origin only) how the session ended. */
export function EmbedOutcome({
  origin,
  type,
  data,
  code,
}: {
  origin: string | null;
  type: "success" | "cancel" | "error";
  data: OutcomeData;
  code?: string;
}) {
  useEffect(() => {
    if (type === "error") postToParent(origin, { type, data: { ...data, code: code ?? "error" } });
    else postToParent(origin, { type, data });
  }, [origin, type, data, code]);
  return null;
}
