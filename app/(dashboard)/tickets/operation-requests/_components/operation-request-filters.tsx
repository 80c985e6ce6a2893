"use client";

import Link from "next/link";
import { useState, type ChangeEvent, type FormEvent, type MouseEvent, type ReactNode } from "react";
import type { TableUrlState } from "@/components/data-table/use-table-url-state";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { GatewayOption } from "@/lib/queries/transactions/list-gateway-options";
import { humanize } from "@/app/(dashboard)/transactions/_components/format";
import { TICKET_FILTER_KEYS, type TicketFilterKey } from "./ticket-filter-keys";

export type TicketFilterValues = Record<TicketFilterKey, string>;

const EMPTY = Object.fromEntries(TICKET_FILTER_KEYS.map((key) => [key, ""])) as TicketFilterValues;
export const CLEARED_TICKET_FILTERS = Object.fromEntries(TICKET_FILTER_KEYS.map((key) => [key, null])) as Record<TicketFilterKey, null>;

export function hasActiveTicketFilters(values: TicketFilterValues): boolean {
  return Object.values(values).some(Boolean);
}

/**
 * Selects apply at once; the dates apply on Enter or "Apply", so typing a date does not reload the
 * table at every keystroke. Without JavaScript the form still works as a GET.
 */
export function OperationRequestFilterForm({
  applied,
  urlState,
  gateways,
  states,
  operations,
  currencies,
}: {
  /** The filters the server applied (invalid ones already dropped). */
  applied: TicketFilterValues;
  urlState: TableUrlState;
  gateways: GatewayOption[];
  states: readonly string[];
  operations: readonly string[];
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

  function onSelect(event: ChangeEvent<HTMLSelectElement>) {
    const next = { ...values, [event.target.name]: event.target.value };
    setValues(next);
    urlState.setParams(next);
  }

  function onInput(event: ChangeEvent<HTMLInputElement>) {
    setValues({ ...values, [event.target.name]: event.target.value });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    urlState.setParams(values);
  }

  function onClear(event: MouseEvent<HTMLAnchorElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    setValues(EMPTY);
    urlState.setParams(CLEARED_TICKET_FILTERS);
  }

  const knownGateway = !values.pg || gateways.some((gateway) => gateway.code === values.pg);

  return (
    <form
      method="get"
      role="search"
      aria-label="Filter operation requests"
      onSubmit={onSubmit}
      className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-6"
    >
      <Field label="State" htmlFor="filter-state">
        <Select id="filter-state" name="state" value={values.state} onChange={onSelect}>
          <option value="">All states</option>
          {states.map((state) => (
            <option key={state} value={state}>
              {humanize(state)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Operation" htmlFor="filter-operation">
        <Select id="filter-operation" name="operation" value={values.operation} onChange={onSelect}>
          <option value="">All operations</option>
          {operations.map((operation) => (
            <option key={operation} value={operation}>
              {humanize(operation)}
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
      <Field label="Gateway (PG)" htmlFor="filter-pg">
        <Select id="filter-pg" name="pg" value={values.pg} onChange={onSelect}>
          <option value="">All gateways</option>
          {!knownGateway && <option value={values.pg}>{values.pg} (not one of yours)</option>}
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
      <div className="flex items-center gap-3 sm:col-span-2 lg:col-span-3 xl:col-span-6">
        <Button type="submit" variant="secondary" disabled={urlState.isPending}>
          Apply
        </Button>
        {hasActiveTicketFilters(applied) && (
          <Link href={urlState.hrefWith(CLEARED_TICKET_FILTERS)} onClick={onClear} className="text-sm text-indigo-700 underline">
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

function sameValues(a: TicketFilterValues, b: TicketFilterValues): boolean {
  return TICKET_FILTER_KEYS.every((key) => a[key] === b[key]);
}
