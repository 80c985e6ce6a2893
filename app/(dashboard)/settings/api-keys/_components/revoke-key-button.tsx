"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { revokeApiKeyAction } from "../actions";

export function RevokeKeyButton({ id, name }: { id: string; name: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="secondary"
        disabled={pending}
        aria-label={`Revoke key ${name}`}
        onClick={() => {
          if (!window.confirm(`Revoke “${name}”? Anything using it stops working at once.`)) return;
          startTransition(async () => {
            const result = await revokeApiKeyAction({ id });
            setError(result.ok ? null : result.error.message);
          });
        }}
      >
        {pending ? "Revoking…" : "Revoke"}
      </Button>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
