"use client";

import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { ApprovalMember } from "@/lib/queries/operations-approval/get-approval-settings";
import { assignCheckerAction } from "../actions";
import { SaveFeedback } from "./save-feedback";
import { useSave } from "./use-save";

export function CheckerForm({
  checkerUserId,
  members,
  canManage,
}: {
  checkerUserId: string | null;
  members: ApprovalMember[];
  canManage: boolean;
}) {
  const { pending, error, saved, save } = useSave();
  const checker = members.find((member) => member.userId === checkerUserId);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const userId = String(new FormData(event.currentTarget).get("checker") ?? "");
    const chosen = members.find((member) => member.userId === userId);
    save(
      () => assignCheckerAction({ userId: userId === "" ? null : userId }),
      chosen ? `${chosen.name} is now the checker.` : "No checker is assigned now.",
    );
  }

  return (
    // Not a named region: "Checker" is the select's label, and one name should find one control.
    <section className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium">Checker</h2>
      <p className="mt-1 text-sm text-slate-600">
        The one member who approves or rejects requests. The checker&apos;s own refunds and voids
        need no approval.
      </p>
      {canManage ? (
        <form onSubmit={onSubmit} className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-end">
          <div className="sm:w-96">
            <label htmlFor="checker" className="block text-sm font-medium">
              Checker
            </label>
            <Select id="checker" name="checker" defaultValue={checkerUserId ?? ""} className="mt-1">
              <option value="">No checker</option>
              {checkerUserId && !checker && (
                <option value={checkerUserId}>A member who is no longer active</option>
              )}
              {members.map((member) => (
                <option key={member.userId} value={member.userId}>
                  {member.name} ({member.email}) · {member.role}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save checker"}
          </Button>
        </form>
      ) : (
        <p className="mt-3 text-sm">
          {checker ? `${checker.name} (${checker.email})` : "No checker"}
          <span className="block text-slate-600">
            Only an owner or admin can change the checker.
          </span>
        </p>
      )}
      <SaveFeedback error={error} saved={saved} />
    </section>
  );
}
