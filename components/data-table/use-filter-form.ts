"use client";

import { type ChangeEvent, type FormEvent, type MouseEvent, useState } from "react";
import type { TableUrlState } from "./use-table-url-state";

export function hasActiveFilters(values: Readonly<Record<string, string>>): boolean {
  return Object.values(values).some(Boolean);
}

export type FilterFormState<Key extends string> = {
  values: Record<Key, string>;
  /** For selects: they apply at once. */
  onSelect: (event: ChangeEvent<HTMLSelectElement>) => void;
  /** For typed fields (dates, search): they apply on submit, not at every keystroke. */
  onInput: (event: ChangeEvent<HTMLInputElement>) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** The "Clear filters" link, or null while no filter is applied. */
  clear: { href: string; onClick: (event: MouseEvent<HTMLAnchorElement>) => void } | null;
  isPending: boolean;
};

/**
 * The values of a filter form whose truth is the URL: the form edits a copy, writes it to the URL
 * through `urlState` (which drops the cursor), and follows the URL when it changes elsewhere.
 * Each field's `name` is its URL parameter.
 */
export function useFilterForm<Key extends string>({
  applied,
  cleared,
  urlState,
}: {
  /** The filters the server applied (invalid ones already dropped). */
  applied: Record<Key, string>;
  /** Every filter parameter set to null: the update that removes them all. */
  cleared: Record<Key, null>;
  urlState: TableUrlState;
}): FilterFormState<Key> {
  const keys = Object.keys(cleared) as Key[];
  const [values, setValues] = useState(applied);
  // The URL can change under the form (Back, "Clear filters"); follow it without remounting, so
  // keyboard focus stays where it was.
  const [seen, setSeen] = useState(applied);
  if (keys.some((key) => seen[key] !== applied[key])) {
    setSeen(applied);
    setValues(applied);
  }

  function onClear(event: MouseEvent<HTMLAnchorElement>) {
    // A modified or middle click opens the link as the browser would.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    event.preventDefault();
    setValues(Object.fromEntries(keys.map((key) => [key, ""])) as Record<Key, string>);
    urlState.setParams(cleared);
  }

  return {
    values,
    onSelect(event) {
      const next = { ...values, [event.target.name]: event.target.value };
      setValues(next);
      urlState.setParams(next);
    },
    onInput(event) {
      setValues({ ...values, [event.target.name]: event.target.value });
    },
    onSubmit(event) {
      event.preventDefault();
      urlState.setParams(values);
    },
    clear: hasActiveFilters(applied)
      ? { href: urlState.hrefWith(cleared), onClick: onClear }
      : null,
    isPending: urlState.isPending,
  };
}
