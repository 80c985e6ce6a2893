"use client";

import {
  DateRangeFields,
  FilterField,
  FilterForm,
  FilterSelect,
} from "@/components/data-table/filter-form";
import { useFilterForm } from "@/components/data-table/use-filter-form";
import type { TableUrlState } from "@/components/data-table/use-table-url-state";
import { Input } from "@/components/ui/input";
import { humanize } from "@/lib/format";
import type { GatewayOption } from "@/lib/queries/transactions/list-gateway-options";
import type { TransactionFilterKey } from "@/lib/validation/transactions";

export { hasActiveFilters } from "@/components/data-table/use-filter-form";

export type FilterValues = Record<TransactionFilterKey, string>;

// A Record, so the compiler notices a filter added to the schema but not to this form.
export const CLEARED_FILTERS: Record<TransactionFilterKey, null> = {
  state: null,
  gateway: null,
  currency: null,
  from: null,
  to: null,
  q: null,
};

/**
 * Selects apply at once; the dates and the search box apply on Enter or "Apply", so typing a date
 * does not reload the table at every keystroke. Without JavaScript the form still works as a GET.
 */
export function PaymentFilters({
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
  const form = useFilterForm({ applied, cleared: CLEARED_FILTERS, urlState });

  return (
    <FilterForm label="Filter payments" wideAt="2xl" form={form}>
      <FilterSelect
        form={form}
        name="state"
        label="State"
        allLabel="All states"
        options={states.map((state) => ({ value: state, label: humanize(state) }))}
        // A link may hold several states; the select shows them as one choice.
        describeUnknown={(value) => value.split(",").map(humanize).join(", ")}
      />
      <FilterSelect
        form={form}
        name="gateway"
        label="Gateway"
        allLabel="All gateways"
        options={gateways.map((gateway) => ({
          value: gateway.code,
          label: `${gateway.name} (${gateway.code})`,
        }))}
        describeUnknown={(code) => `${code} (not one of yours)`}
      />
      <FilterSelect
        form={form}
        name="currency"
        label="Currency"
        allLabel="All currencies"
        options={currencies.map((currency) => ({ value: currency, label: currency }))}
      />
      <DateRangeFields form={form} />
      <FilterField label="Search" htmlFor="filter-q">
        <Input
          id="filter-q"
          name="q"
          type="search"
          value={form.values.q}
          maxLength={100}
          placeholder="Order no., customer name or email"
          onChange={form.onInput}
        />
      </FilterField>
    </FilterForm>
  );
}
