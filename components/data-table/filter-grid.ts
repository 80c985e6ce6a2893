/*
 * The filter bar's grid, shared by the filter forms and their loading skeletons so the two line up.
 * Six filters wrap two or three to a row, and share one row from the `wideAt` breakpoint up: a
 * bar with a wide field (a search box) waits for a wider screen. The class names are written out
 * whole because Tailwind finds them by reading the source.
 */

export type FilterRowBreakpoint = "xl" | "2xl";

export const FILTER_GRID_CLASSES: Record<FilterRowBreakpoint, string> = {
  xl: "grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-6",
  "2xl":
    "grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-6",
};

/** For a row that spans the whole grid, such as the Apply button's. */
export const FILTER_FULL_ROW_CLASSES: Record<FilterRowBreakpoint, string> = {
  xl: "sm:col-span-2 lg:col-span-3 xl:col-span-6",
  "2xl": "sm:col-span-2 lg:col-span-3 2xl:col-span-6",
};
