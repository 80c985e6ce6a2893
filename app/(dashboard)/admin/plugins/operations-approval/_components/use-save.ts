"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/action-client";

/**
 * The pending / error / saved states every form on this page shows, around one server action.
 * On success the page's data is reloaded, so each form shows what the server now holds. The outcome
 * is also a toast, seen wherever the page is scrolled.
 */
export function useSave() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  function save(run: () => Promise<ActionResult<unknown>>, successMessage: string) {
    setSaved(null);
    startTransition(async () => {
      const result = await run();
      if (!result.ok) {
        setError(result.error.message);
        toast.error(result.error.message);
        return;
      }
      setError(null);
      setSaved(successMessage);
      toast.success(successMessage);
      router.refresh();
    });
  }

  return { pending, error, saved, save };
}
