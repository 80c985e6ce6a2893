"use client";

import type { SortingState } from "@tanstack/react-table";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";

/*
 * Table state lives in the URL: filters, sort and page are query parameters, so a view can be
 * bookmarked, shared, reloaded, and walked with the browser's Back and Forward.
 *
 * - Updates are merged into the current parameters; nothing is rebuilt by hand.
 * - Changing a filter or the sort drops the cursor: a cursor only means something for the query
 *   that issued it.
 * - Keyset pages have no numbers to go back to, so the cursors of earlier pages ride along in
 *   `prev`, and "Previous page" pops them.
 */

export const CURSOR_PARAM = "cursor";
export const PREV_PARAM = "prev";
export const SORT_PARAM = "sort";
export const DIR_PARAM = "dir";
/** Cursors are base64url, which never contains "."; the stack of earlier cursors is joined by it. */
const STACK_SEPARATOR = ".";

/** A value to set; arrays are sent comma-separated; null, undefined, "" and [] remove the parameter. */
export type ParamValue = string | readonly string[] | null | undefined;
export type ParamUpdates = Record<string, ParamValue>;

export type TableUrlState = {
  searchParams: URLSearchParams;
  /** True while a navigation started here is loading; dim the table, do not blank it. */
  isPending: boolean;
  /** The URL with `updates` merged in; for links such as "Clear filters". Resets paging unless keepPage. */
  hrefWith: (updates: ParamUpdates, options?: { keepPage?: boolean }) => string;
  /** Navigate to hrefWith(updates): for filters. Resets paging. */
  setParams: (updates: ParamUpdates) => void;
  /** The sort in TanStack's shape, from `sort` and `dir` (or the default when absent). */
  sorting: SortingState;
  /** For <DataTable onSortingChange>: writes `sort`/`dir` and resets paging. */
  setSorting: (sorting: SortingState) => void;
  /** 1 on the first page; counts the earlier cursors. */
  pageNumber: number;
  hasPreviousPage: boolean;
  nextPage: (nextCursor: string) => void;
  previousPage: () => void;
};

export function useTableUrlState({
  defaultSort,
}: {
  defaultSort?: { id: string; desc: boolean };
} = {}): TableUrlState {
  const router = useRouter();
  const pathname = usePathname();
  const current = useSearchParams();
  const [isPending, startTransition] = useTransition();

  const searchParams = new URLSearchParams(current.toString());
  const cursor = searchParams.get(CURSOR_PARAM);
  const earlier = (searchParams.get(PREV_PARAM) ?? "").split(STACK_SEPARATOR).filter(Boolean);

  function hrefFor(params: URLSearchParams): string {
    const query = params.toString();
    return query ? `${pathname}?${query}` : pathname;
  }

  function hrefWith(
    updates: ParamUpdates,
    { keepPage = false }: { keepPage?: boolean } = {},
  ): string {
    const next = new URLSearchParams(current.toString());
    for (const [name, value] of Object.entries(updates)) {
      const text = typeof value === "string" ? value.trim() : value ? value.join(",") : "";
      if (text) next.set(name, text);
      else next.delete(name);
    }
    if (!keepPage) {
      next.delete(CURSOR_PARAM);
      next.delete(PREV_PARAM);
    }
    return hrefFor(next);
  }

  function navigate(href: string, scroll: boolean) {
    startTransition(() => router.push(href, { scroll }));
  }

  const sortParam = searchParams.get(SORT_PARAM);
  const dirParam = searchParams.get(DIR_PARAM);
  const sorting: SortingState = sortParam
    ? [
        {
          id: sortParam,
          desc:
            dirParam === "asc" ? false : dirParam === "desc" ? true : (defaultSort?.desc ?? true),
        },
      ]
    : defaultSort
      ? [defaultSort]
      : [];

  return {
    searchParams,
    isPending,
    hrefWith,
    setParams: (updates) => navigate(hrefWith(updates), false),
    sorting,
    setSorting: (next) => {
      const first = next[0];
      navigate(
        hrefWith({
          [SORT_PARAM]: first?.id,
          [DIR_PARAM]: first ? (first.desc ? "desc" : "asc") : null,
        }),
        false,
      );
    },
    pageNumber: cursor ? earlier.length + 2 : 1,
    hasPreviousPage: cursor !== null,
    nextPage: (nextCursor) => {
      const next = new URLSearchParams(current.toString());
      next.set(CURSOR_PARAM, nextCursor);
      if (cursor) next.set(PREV_PARAM, [...earlier, cursor].join(STACK_SEPARATOR));
      else next.delete(PREV_PARAM);
      navigate(hrefFor(next), true);
    },
    previousPage: () => {
      const next = new URLSearchParams(current.toString());
      const stack = [...earlier];
      const previous = stack.pop();
      if (previous) next.set(CURSOR_PARAM, previous);
      else next.delete(CURSOR_PARAM);
      if (stack.length) next.set(PREV_PARAM, stack.join(STACK_SEPARATOR));
      else next.delete(PREV_PARAM);
      navigate(hrefFor(next), true);
    },
  };
}
