"use client";

import Link from "next/link";
import { useState, type ChangeEvent, type FormEvent, type MouseEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { TableUrlState } from "@/components/data-table/use-table-url-state";
import type { GatewayOption } from "@/lib/queries/transactions/list-gateway-options";
import type { TransactionFilterKey } from "@/lib/validation/transactions";
import { humanize } from "./format";

export type FilterValues = Record<TransactionFilterKey, string>;

// A Record, so the compiler notices a filter added to the schema but not to this form.
const EMPTY: FilterValues = { state: "", gateway: "", currency: "", from: "", to: "", q: "" };
export const CLEARED_FILTERS: Record<TransactionFilterKey, null> = { state: null, gateway: null, currency: null, from: null, to: null, q: null };

export function hasActiveFilters(values: FilterValues): boolean {
  return Object.values(values).some(Boolean);
}

/**
 * Selects apply at once; the dates and the search box apply on Enter or "Apply", so typing a date
 * does not reload the table at every keystroke. Without JavaScript the form still works as a GET.
 */
export function TransactionFilters({
  applied,
  urlState,
  gateways,
  states,
  currencies,
}: {
  /** The filters the server applied (invalid ones already dropped). */
  applied: FilterValues;
  urlState: TableUrlState;
  gateways: GatewayOption[];
  states: readonly string[];
  currencies: readonly string[];
}) {
  const [values, setValues] = useState(applied);
  // The URL can change under the form (Back, "Clear filters"); follow it without remounting, so
  // keyboard focus stays where it was.
  const [seen, setSeen] = useState(applied);
  if (!sameValues(seen, applied)) {
    setSeen(applied);
    setValues(applied);
  }

  function apply(next: FilterValues) {
    urlState.setParams(next);
  }

  function onSelect(event: ChangeEvent<HTMLSelectElement>) {
    const next = { ...values, [event.target.name]: event.target.value };
    setValues(next);
    apply(next);
  }

  function onInput(event: ChangeEvent<HTMLInputElement>) {
    setValues({ ...values, [event.target.name]: event.target.value });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    apply(values);
  }

  function onClear(event: MouseEvent<HTMLAnchorElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    setValues(EMPTY);
    urlState.setParams(CLEARED_FILTERS);
  }

  const selectedStates = values.state.split(",").filter(Boolean);
  const knownGateway = !values.gateway || gateways.some((gateway) => gateway.code === values.gateway);

  return (
    <form
      method="get"
      role="search"
      aria-label="Filter transactions"
      onSubmit={onSubmit}
      className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-6"
    >
      <Field label="State" htmlFor="filter-state">
        <Select id="filter-state" name="state" value={values.state} onChange={onSelect}>
          <option value="">All states</option>
          {selectedStates.length > 1 && <option value={values.state}>{selectedStates.map(humanize).join(", ")}</option>}
          {states.map((state) => (
            <option key={state} value={state}>
              {humanize(state)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Gateway" htmlFor="filter-gateway">
        <Select id="filter-gateway" name="gateway" value={values.gateway} onChange={onSelect}>
          <option value="">All gateways</option>
          {!knownGateway && <option value={values.gateway}>{values.gateway} (not one of yours)</option>}
          {gateways.map((gateway) => (
            <option key={gateway.code} value={gateway.code}>
              {gateway.name} ({gateway.code})
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Currency" htmlFor="filter-currency">
        <Select id="filter-currency" name="currency" value={values.currency} onChange={onSelect}>
          <option value="">All currencies</option>
          {currencies.map((currency) => (
            <option key={currency} value={currency}>
              {currency}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="From (UTC)" htmlFor="filter-from">
        <Input id="filter-from" name="from" type="date" value={values.from} max={values.to || undefined} onChange={onInput} />
      </Field>
      <Field label="To (UTC)" htmlFor="filter-to">
        <Input id="filter-to" name="to" type="date" value={values.to} min={values.from || undefined} onChange={onInput} />
      </Field>
      <Field label="Search" htmlFor="filter-q">
        <Input
          id="filter-q"
          name="q"
          type="search"
          value={values.q}
          maxLength={100}
          placeholder="Order no., customer name or email"
          onChange={onInput}
        />
      </Field>
      <div className="flex items-center gap-3 sm:col-span-2 lg:col-span-3 2xl:col-span-6">
        <Button type="submit" variant="secondary" disabled={urlState.isPending}>
          Apply
        </Button>
        {hasActiveFilters(applied) && (
          <Link href={urlState.hrefWith(CLEARED_FILTERS)} onClick={onClear} className="text-sm text-indigo-700 underline">
            Clear filters
          </Link>
        )}
        {urlState.isPending && (
          <span role="status" className="text-sm text-slate-500">
            Loading…
          </span>
        )}
      </div>
    </form>
  );
}

function Field({ label, htmlFor, children }: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
    </div>
  );
}

function sameValues(a: FilterValues, b: FilterValues): boolean {
  return (Object.keys(EMPTY) as TransactionFilterKey[]).every((key) => a[key] === b[key]);
}
