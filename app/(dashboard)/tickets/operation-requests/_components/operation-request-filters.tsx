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
import { TICKET_FILTER_KEYS, type TicketFilterKey } from "./ticket-filter-keys";

export { hasActiveFilters as hasActiveTicketFilters } from "@/components/data-table/use-filter-form";

export type TicketFilterValues = Record<TicketFilterKey, string>;

export const CLEARED_TICKET_FILTERS = Object.fromEntries(
  TICKET_FILTER_KEYS.map((key) => [key, null]),
) as Record<TicketFilterKey, null>;

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
  const form = useFilterForm({ applied, cleared: CLEARED_TICKET_FILTERS, urlState });

  return (
    <FilterForm label="Filter operation requests" wideAt="xl" form={form}>
      <FilterSelect
        form={form}
        name="state"
        label="State"
        allLabel="All states"
        options={states.map((state) => ({ value: state, label: humanize(state) }))}
      />
      <FilterSelect
        form={form}
        name="operation"
        label="Operation"
        allLabel="All operations"
        options={operations.map((operation) => ({ value: operation, label: humanize(operation) }))}
      />
      <DateRangeFields form={form} />
      <FilterSelect
        form={form}
        name="pg"
        label="Gateway (PG)"
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
      <FilterField label="Search" htmlFor="ticket-filter-q">
        <Input
          id="ticket-filter-q"
          name="q"
          type="search"
          value={form.values.q}
          maxLength={100}
          placeholder="Order no., maker name or email"
          onChange={form.onInput}
        />
      </FilterField>
      <FilterSelect
        form={form}
        name="sort"
        label="Sort"
        allLabel="Newest first"
        options={[
          // Amounts in different currencies do not compare: the server asks for a currency.
          { value: "amount", label: "Largest amount (pick a currency)" },
          { value: "deadline", label: "Soonest deadline" },
        ]}
      />
    </FilterForm>
  );
}
