"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

const STREAM_URL = "/api/v1/operation-requests/stream";
const HEALTH_URL = "/api/health";
/** Changes often come in bursts (approve, then executed): one re-render for the lot. */
const REFRESH_DELAY_MS = 100;
const POLL_MS = 3_000;
/** After the browser gave up on the stream (a non-SSE answer such as a 401), how soon to try again. */
const REOPEN_FIRST_MS = 3_000;
const REOPEN_MAX_MS = 60_000;

type Status = "connecting" | "live" | "polling";

/**
 * Keeps every server-rendered table and badge current: each change to an operation request (by
 * anyone, on any app instance) re-renders the current route with router.refresh(), which keeps the
 * URL (filters, page) and client state. While the stream is down, the route is refreshed every few
 * seconds instead.
 */
export function LiveUpdates() {
  const router = useRouter();
  const [status, setStatus] = useState<Status>("connecting");

  useEffect(() => {
    let source: EventSource | null = null;
    let refreshTimer: ReturnType<typeof setTimeout> | null = null;
    let pollTimer: ReturnType<typeof setInterval> | null = null;
    let reopenTimer: ReturnType<typeof setTimeout> | null = null;
    let reopenMs = REOPEN_FIRST_MS;

    // Not a trailing debounce: a steady stream of events still refreshes every 100 ms.
    function scheduleRefresh() {
      refreshTimer ??= setTimeout(() => {
        refreshTimer = null;
        router.refresh();
      }, REFRESH_DELAY_MS);
    }

    function startPolling() {
      setStatus("polling");
      pollTimer ??= setInterval(() => void poll(), POLL_MS);
    }

    // router.refresh() against a server it cannot reach falls back to a full page load, which
    // would replace the dashboard with the browser's error page: refresh only once the app answers.
    async function poll() {
      if (!navigator.onLine) return;
      try {
        const health = await fetch(HEALTH_URL, { cache: "no-store" });
        if (health.ok && pollTimer) router.refresh();
      } catch {
        // Still unreachable; the next tick tries again.
      }
    }

    function stopPolling() {
      if (pollTimer) clearInterval(pollTimer);
      pollTimer = null;
    }

    function open() {
      reopenTimer = null;
      source = new EventSource(STREAM_URL);
      // "ready": the server listens for changes now. Reload once for whatever changed between this
      // page's render (or the stream's drop) and that moment; from here on, events cover the rest.
      source.addEventListener("ready", () => {
        reopenMs = REOPEN_FIRST_MS;
        stopPolling();
        setStatus("live");
        scheduleRefresh();
      });
      source.addEventListener("change", scheduleRefresh);
      // The server's feed lost PostgreSQL for a moment: changes may have been missed.
      source.addEventListener("resync", scheduleRefresh);
      source.addEventListener("error", () => {
        startPolling();
        // CONNECTING: the browser reconnects by itself (after the server's `retry`). CLOSED: it gave
        // up, so open a new one later.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          source = null;
          reopenTimer = setTimeout(open, reopenMs);
          reopenMs = Math.min(reopenMs * 2, REOPEN_MAX_MS);
        }
      });
    }

    open();
    return () => {
      source?.close();
      stopPolling();
      if (refreshTimer) clearTimeout(refreshTimer);
      if (reopenTimer) clearTimeout(reopenTimer);
    };
  }, [router]);

  return (
    <p
      role="status"
      data-live-status={status}
      className="flex items-center gap-1.5 px-4 py-2 text-xs text-slate-500"
    >
      <span
        aria-hidden="true"
        className={`inline-block size-2 rounded-full ${status === "live" ? "bg-emerald-500" : status === "polling" ? "bg-amber-500" : "bg-slate-300"}`}
      />
      {status === "live" ? "Live updates" : status === "polling" ? "Reconnecting…" : "Connecting…"}
    </p>
  );
}
