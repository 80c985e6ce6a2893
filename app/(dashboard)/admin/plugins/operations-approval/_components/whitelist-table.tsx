"use client";

import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  OPERATION_LABELS,
  OPERATIONS,
  type Operation,
} from "@/lib/domain/operation-requests/lifecycle";
import type { ApprovalMember } from "@/lib/queries/operations-approval/get-approval-settings";
import { saveWhitelistAction } from "../actions";
import { SaveFeedback } from "./save-feedback";
import { useSave } from "./use-save";

/** A member the whitelist may list, with the operations their role allows. */
export type WhitelistMember = ApprovalMember & { allowed: Operation[] };

type Choices = Record<string, Operation[]>;

function choicesOf(members: WhitelistMember[]): Choices {
  return Object.fromEntries(members.map((member) => [member.userId, [...member.whitelist]]));
}

function sameOperations(a: readonly Operation[], b: readonly Operation[]): boolean {
  return [...a].sort().join() === [...b].sort().join();
}

/**
 * One form for the whole list: tick what you want, then one Save. Until it is saved an inline note
 * says so, and leaving the page asks first (beforeunload).
 */
export function WhitelistTable({ members }: { members: WhitelistMember[] }) {
  const { pending, error, saved, save } = useSave();
  const [choices, setChoices] = useState<Choices>(() => choicesOf(members));
  const noteId = useId();

  // After a save the page reloads its data: what the server holds is the new starting point. Keyed
  // on the content, not the array: live updates re-render the page often, and must not undo ticks.
  const serverWhitelist = JSON.stringify(
    members.map((member) => [member.userId, member.whitelist]),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the saved content changes
  useEffect(() => setChoices(choicesOf(members)), [serverWhitelist]);

  const changed = members.filter(
    (member) => !sameOperations(choices[member.userId] ?? [], member.whitelist),
  );
  const dirty = changed.length > 0;

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  function toggle(userId: string, operation: Operation, checked: boolean) {
    setChoices((current) => {
      const rest = (current[userId] ?? []).filter((o) => o !== operation);
      return { ...current, [userId]: checked ? [...rest, operation] : rest };
    });
  }

  function onSave() {
    const entries = members.map((member) => ({
      userId: member.userId,
      operations: OPERATIONS.filter((operation) => choices[member.userId]?.includes(operation)),
    }));
    save(
      () => saveWhitelistAction({ entries }),
      `Whitelist saved: ${changed.length} member${changed.length === 1 ? "" : "s"} changed.`,
    );
  }

  return (
    <section
      aria-labelledby="whitelist-heading"
      className="rounded-lg border border-slate-200 bg-white"
    >
      <div className="border-b border-slate-200 px-4 py-3">
        <h2 id="whitelist-heading" className="font-medium">
          Whitelist
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Whitelisted members refund or void directly, without the checker&apos;s approval. Only
          members whose role includes refunds or voids are listed.
        </p>
      </div>
      {members.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600">
          No active member&apos;s role includes refunds or voids.
        </p>
      ) : (
        <>
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Members who refund or void without approval</caption>
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Member
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Role
                  </th>
                  {OPERATIONS.map((operation) => (
                    <th key={operation} scope="col" className="px-4 py-2 font-medium">
                      {OPERATION_LABELS[operation]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {members.map((member) => (
                  <tr
                    key={member.userId}
                    className={`border-t border-slate-100 align-top ${changed.includes(member) ? "bg-amber-50" : ""}`}
                  >
                    <th scope="row" className="px-4 py-2 text-left font-normal">
                      <span className="block font-medium">{member.name}</span>
                      <span className="block text-xs text-slate-500">{member.email}</span>
                    </th>
                    <td className="px-4 py-2">{member.role}</td>
                    {OPERATIONS.map((operation) => (
                      <td key={operation} className="px-4 py-2">
                        {member.allowed.includes(operation) ? (
                          <input
                            type="checkbox"
                            aria-label={`${OPERATION_LABELS[operation]} for ${member.name}`}
                            checked={choices[member.userId]?.includes(operation) ?? false}
                            disabled={pending}
                            onChange={(event) =>
                              toggle(member.userId, operation, event.target.checked)
                            }
                            className="size-4"
                          />
                        ) : (
                          <span className="text-xs text-slate-500">Not in role</span>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 px-4 py-3">
            <Button
              type="button"
              disabled={pending || !dirty}
              aria-describedby={noteId}
              onClick={onSave}
            >
              {pending ? "Saving…" : "Save whitelist"}
            </Button>
            {dirty && (
              <Button
                type="button"
                variant="ghost"
                disabled={pending}
                onClick={() => setChoices(choicesOf(members))}
              >
                Discard changes
              </Button>
            )}
            <p
              id={noteId}
              data-testid="whitelist-unsaved"
              className={dirty ? "text-sm font-medium text-amber-800" : "sr-only"}
            >
              {dirty
                ? `Unsaved changes for ${changed.length} member${changed.length === 1 ? "" : "s"}.`
                : "No unsaved changes."}
            </p>
          </div>
          <div className="px-4 pb-3">
            <SaveFeedback error={error} saved={saved} />
          </div>
        </>
      )}
    </section>
  );
}
