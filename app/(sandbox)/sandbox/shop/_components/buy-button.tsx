"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { buyDemoProduct } from "../actions";

export function BuyButton() {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="mt-4 space-y-2">
      <Button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await buyDemoProduct();
            setError(result?.error ?? null);
          })
        }
      >
        {pending ? "Starting checkout…" : "Buy"}
      </Button>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
