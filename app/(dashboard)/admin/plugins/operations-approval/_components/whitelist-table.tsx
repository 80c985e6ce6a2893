"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  OPERATION_LABELS,
  OPERATIONS,
  type Operation,
} from "@/lib/domain/operation-requests/lifecycle";
import type { ApprovalMember } from "@/lib/queries/operations-approval/get-approval-settings";
import { setWhitelistAction } from "../actions";
import { useSave } from "./use-save";

export function WhitelistTable({ members }: { members: ApprovalMember[] }) {
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
          Whitelisted members refund or void directly, without the checker&apos;s approval. Members
          still need their role&apos;s refund or void permission.
        </p>
      </div>
      {members.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600">This merchant has no active members.</p>
      ) : (
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
                <th scope="col" className="px-4 py-2 font-medium">
                  Refund
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Void
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  <span className="sr-only">Save</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <WhitelistRow key={member.userId} member={member} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function WhitelistRow({ member }: { member: ApprovalMember }) {
  const { pending, error, saved, save } = useSave();
  const [operations, setOperations] = useState<ReadonlySet<Operation>>(
    () => new Set(member.whitelist),
  );

  function toggle(operation: Operation, checked: boolean) {
    setOperations((current) => {
      const next = new Set(current);
      if (checked) next.add(operation);
      else next.delete(operation);
      return next;
    });
  }

  function onSave() {
    const chosen = OPERATIONS.filter((operation) => operations.has(operation));
    const what =
      chosen.length === 0
        ? "nothing"
        : chosen.map((operation) => OPERATION_LABELS[operation].toLowerCase()).join(" and ");
    save(
      () => setWhitelistAction({ userId: member.userId, operations: chosen }),
      `Saved: ${member.name} is whitelisted for ${what}.`,
    );
  }

  return (
    <tr className="border-t border-slate-100 align-top">
      <th scope="row" className="px-4 py-2 text-left font-normal">
        <span className="block font-medium">{member.name}</span>
        <span className="block text-xs text-slate-500">{member.email}</span>
      </th>
      <td className="px-4 py-2">{member.role}</td>
      {OPERATIONS.map((operation) => (
        <td key={operation} className="px-4 py-2">
          <input
            type="checkbox"
            aria-label={`${OPERATION_LABELS[operation]} for ${member.name}`}
            checked={operations.has(operation)}
            disabled={pending}
            onChange={(event) => toggle(operation, event.target.checked)}
            className="size-4"
          />
        </td>
      ))}
      <td className="px-4 py-2">
        <Button
          type="button"
          variant="secondary"
          disabled={pending}
          aria-label={`Save whitelist for ${member.name}`}
          onClick={onSave}
        >
          {pending ? "Saving…" : "Save"}
        </Button>
        {error && (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {error}
          </p>
        )}
        <p role="status" className={saved ? "mt-1 text-xs text-emerald-800" : "sr-only"}>
          {saved}
        </p>
      </td>
    </tr>
  );
}
