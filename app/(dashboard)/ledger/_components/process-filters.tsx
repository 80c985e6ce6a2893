"use client";

import type { ChangeEvent } from "react";
import {
  DateRangeFields,
  FilterField,
  FilterForm,
  type FilterOption,
  FilterSelect,
} from "@/components/data-table/filter-form";
import { useFilterForm } from "@/components/data-table/use-filter-form";
import type { TableUrlState } from "@/components/data-table/use-table-url-state";
import { Input } from "@/components/ui/input";

/** The Transactions filters, named as the URL and GET /api/v1/processes name them. */
export const PROCESS_FILTER_KEYS = [
  "type",
  "status",
  "from",
  "to",
  "currency",
  "customer",
  "minAmount",
  "maxAmount",
] as const;
export type ProcessFilterKey = (typeof PROCESS_FILTER_KEYS)[number];
export type ProcessFilterValues = Record<ProcessFilterKey, string>;

export const CLEARED_PROCESS_FILTERS = Object.fromEntries(
  PROCESS_FILTER_KEYS.map((key) => [key, null]),
) as Record<ProcessFilterKey, null>;

/**
 * The status, currency and customer selects apply at once; the types, dates and amounts apply on
 * "Apply" (or Enter), so ticking three types does not reload the table three times. A GET form:
 * without JavaScript it still filters through the URL.
 */
export function ProcessFilters({
  applied,
  urlState,
  types,
  statuses,
  currencies,
  customers,
  label = "Filter transactions",
  show = PROCESS_FILTER_KEYS,
  allStatusesLabel = "All statuses",
}: {
  applied: ProcessFilterValues;
  urlState: TableUrlState;
  types: readonly FilterOption[];
  statuses: readonly FilterOption[];
  currencies: readonly string[];
  customers: readonly FilterOption[];
  label?: string;
  show?: readonly ProcessFilterKey[];
  /** What the status select's empty choice means on this page. */
  allStatusesLabel?: string;
}) {
  const form = useFilterForm({ applied, cleared: CLEARED_PROCESS_FILTERS, urlState });
  const chosen = new Set(form.values.type.split(",").filter(Boolean));

  function toggleType(event: ChangeEvent<HTMLInputElement>) {
    const next = new Set(chosen);
    if (event.target.checked) next.add(event.target.value);
    else next.delete(event.target.value);
    // A synthetic change on the hidden `type` field: the form keeps one comma-separated value.
    form.onInput({
      target: {
        name: "type",
        value: types
          .map((t) => t.value)
          .filter((v) => next.has(v))
          .join(","),
      },
    } as ChangeEvent<HTMLInputElement>);
  }

  return (
    <FilterForm label={label} wideAt="2xl" form={form}>
      {show.includes("type") && (
        <div className="space-y-1">
          <span className="block text-sm font-medium text-slate-700" id="filter-type-label">
            Types
          </span>
          <details className="group">
            <summary
              aria-describedby="filter-type-label"
              className="flex cursor-pointer list-none items-center justify-between rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              <span>
                {chosen.size === 0
                  ? "All types"
                  : chosen.size === 1
                    ? (types.find((t) => chosen.has(t.value))?.label ?? "1 type")
                    : `${chosen.size} types`}
              </span>
              <span aria-hidden="true" className="text-slate-400 group-open:rotate-180">
                ▾
              </span>
            </summary>
            <fieldset className="mt-1 max-h-72 overflow-y-auto rounded-md border border-slate-200 bg-white p-2">
              <legend className="sr-only">Types</legend>
              {types.map((type) => (
                <label
                  key={type.value}
                  className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50"
                >
                  <input
                    type="checkbox"
                    value={type.value}
                    checked={chosen.has(type.value)}
                    onChange={toggleType}
                    className="size-4"
                  />
                  {type.label}
                </label>
              ))}
            </fieldset>
          </details>
          <input type="hidden" name="type" value={form.values.type} />
        </div>
      )}
      {show.includes("status") && (
        <FilterSelect
          form={form}
          name="status"
          label="Status"
          allLabel={allStatusesLabel}
          options={statuses}
          describeUnknown={(value) => value.split(",").join(", ")}
        />
      )}
      {show.includes("currency") && (
        <FilterSelect
          form={form}
          name="currency"
          label="Currency"
          allLabel="All currencies"
          options={currencies.map((currency) => ({ value: currency, label: currency }))}
        />
      )}
      {show.includes("customer") && (
        <FilterSelect
          form={form}
          name="customer"
          label="Customer"
          allLabel="All customers"
          options={customers}
          describeUnknown={() => "A customer not listed"}
        />
      )}
      {show.includes("from") && <DateRangeFields form={form} />}
      {show.includes("minAmount") && (
        <FilterField label="Amount from" htmlFor="filter-minAmount">
          <Input
            id="filter-minAmount"
            name="minAmount"
            inputMode="decimal"
            value={form.values.minAmount}
            maxLength={20}
            placeholder="e.g. 10.000"
            aria-describedby="filter-amount-hint"
            onChange={form.onInput}
          />
        </FilterField>
      )}
      {show.includes("maxAmount") && (
        <FilterField label="Amount to" htmlFor="filter-maxAmount">
          <Input
            id="filter-maxAmount"
            name="maxAmount"
            inputMode="decimal"
            value={form.values.maxAmount}
            maxLength={20}
            placeholder="e.g. 500.000"
            aria-describedby="filter-amount-hint"
            onChange={form.onInput}
          />
        </FilterField>
      )}
      {show.includes("minAmount") && (
        <p id="filter-amount-hint" className="text-xs text-slate-500 sm:col-span-2">
          An amount range needs a currency.
        </p>
      )}
    </FilterForm>
  );
}
