import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import {
  FILTER_FULL_ROW_CLASSES,
  FILTER_GRID_CLASSES,
  type FilterRowBreakpoint,
} from "./filter-grid";
import type { FilterFormState } from "./use-filter-form";

/**
 * A table's filter bar: the fields, then Apply, "Clear filters" while a filter is applied, and a
 * loading note. A GET form, so without JavaScript it still filters through the URL.
 */
export function FilterForm({
  label,
  wideAt,
  form,
  children,
}: {
  /** The form's accessible name, e.g. "Filter transactions". */
  label: string;
  wideAt: FilterRowBreakpoint;
  form: FilterFormState<string>;
  children: ReactNode;
}) {
  return (
    <search aria-label={label}>
      <form method="get" onSubmit={form.onSubmit} className={FILTER_GRID_CLASSES[wideAt]}>
        {children}
        <div className={`flex items-center gap-3 ${FILTER_FULL_ROW_CLASSES[wideAt]}`}>
          <Button type="submit" variant="secondary" disabled={form.isPending}>
            Apply
          </Button>
          {form.clear && (
            <Link
              href={form.clear.href}
              onClick={form.clear.onClick}
              className="text-sm text-indigo-700 underline"
            >
              Clear filters
            </Link>
          )}
          {form.isPending && (
            <span role="status" className="text-sm text-slate-500">
              Loading…
            </span>
          )}
        </div>
      </form>
    </search>
  );
}

export function FilterField({
  label,
  htmlFor,
  children,
}: {
  label: string;
  htmlFor: string;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
    </div>
  );
}

export type FilterOption = { value: string; label: string };

/**
 * A select for the filter `name`, with an "All …" choice first; it applies as soon as it changes. A
 * value the options do not hold (several states, another merchant's gateway) is shown as
 * `describeUnknown` names it, if given.
 */
export function FilterSelect<Key extends string>({
  form,
  name,
  label,
  allLabel,
  options,
  describeUnknown,
}: {
  form: FilterFormState<Key>;
  name: Key;
  label: string;
  allLabel: string;
  options: readonly FilterOption[];
  describeUnknown?: (value: string) => string;
}) {
  const id = `filter-${name}`;
  const value = form.values[name];
  const known = !value || options.some((option) => option.value === value);
  return (
    <FilterField label={label} htmlFor={id}>
      <Select id={id} name={name} value={value} onChange={form.onSelect}>
        <option value="">{allLabel}</option>
        {!known && describeUnknown && <option value={value}>{describeUnknown(value)}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </FilterField>
  );
}

/** The `from` and `to` filters, dates in UTC like the API's; each bounds the other's picker. */
export function DateRangeFields({ form }: { form: FilterFormState<"from" | "to"> }) {
  const { from, to } = form.values;
  return (
    <>
      <FilterField label="From (UTC)" htmlFor="filter-from">
        <Input
          id="filter-from"
          name="from"
          type="date"
          value={from}
          max={to || undefined}
          onChange={form.onInput}
        />
      </FilterField>
      <FilterField label="To (UTC)" htmlFor="filter-to">
        <Input
          id="filter-to"
          name="to"
          type="date"
          value={to}
          min={from || undefined}
          onChange={form.onInput}
        />
      </FilterField>
    </>
  );
}
