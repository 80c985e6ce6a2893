"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { GrantablePermission } from "@/lib/domain/auth/permissions";
import type { MemberJson } from "@/lib/validation/members";
import { setMembershipGrantsAction } from "../actions";

export type GrantOption = { permission: GrantablePermission; label: string; explanation: string };

/**
 * The merchant's members, one row each, saved one row at a time. Below 768 px every row is a card:
 * the table's rows and cells stack (block) and each cell carries its own heading.
 */
export function MembersTable({
  members,
  permissions,
  currentUserId,
}: {
  members: MemberJson[];
  permissions: GrantOption[];
  currentUserId: string;
}) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <caption className="sr-only">Members and the permissions granted to each</caption>
        <thead className="hidden bg-slate-50 text-left text-slate-600 md:table-header-group">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Member
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Role
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Permissions
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              <span className="sr-only">Save</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <MemberRow
              // A saved change comes back from the server: start again from what it now holds.
              key={`${member.id}:${member.grants.join()}`}
              member={member}
              permissions={permissions}
              isYou={member.user.id === currentUserId}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MemberRow({
  member,
  permissions,
  isYou,
}: {
  member: MemberJson;
  permissions: GrantOption[];
  isYou: boolean;
}) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [grants, setGrants] = useState<ReadonlySet<GrantablePermission>>(
    () => new Set(member.grants),
  );
  const fromRole = new Set(member.roleGrants);
  const dirty =
    grants.size !== member.grants.length || member.grants.some((grant) => !grants.has(grant));
  const name = member.user.name;

  function toggle(permission: GrantablePermission, checked: boolean) {
    setGrants((current) => {
      const next = new Set(current);
      if (checked) next.add(permission);
      else next.delete(permission);
      return next;
    });
  }

  function onSave() {
    const wanted = permissions
      .map((option) => option.permission)
      .filter((permission) => grants.has(permission));
    startTransition(async () => {
      const result = await setMembershipGrantsAction({ membershipId: member.id, grants: wanted });
      if (!result.ok) {
        toast.error(`${name}'s permissions were not saved: ${result.error.message}`);
        return;
      }
      toast.success(
        result.data.changed
          ? `Saved ${name}'s permissions.`
          : `${name}'s permissions are unchanged.`,
      );
      router.refresh();
    });
  }

  return (
    <tr
      data-testid="member-row"
      aria-busy={pending || undefined}
      className={`block border-t border-slate-200 align-top first:border-t-0 md:table-row md:first:border-t ${dirty ? "bg-amber-50" : ""}`}
    >
      <th scope="row" className="block px-4 pt-4 text-left font-normal md:table-cell md:py-3">
        <span className="block font-medium">
          {name}
          {isYou && <span className="font-normal text-slate-500"> (you)</span>}
        </span>
        <span className="block break-all text-xs text-slate-500">{member.user.email}</span>
        <span className="mt-1 flex flex-wrap gap-1">
          {!member.active && <Badge tone="neutral">Inactive</Badge>}
          {member.checker && (
            <Badge tone="violet" title="The operations-approval plugin's checker">
              Checker
            </Badge>
          )}
        </span>
      </th>
      <td className="block px-4 pt-2 md:table-cell md:py-3">
        <span className="text-slate-500 md:sr-only">Role: </span>
        <span className="capitalize">{member.role}</span>
      </td>
      <td className="block px-4 pt-3 md:table-cell md:py-3">
        <fieldset disabled={pending}>
          <legend className="sr-only">Permissions for {name}</legend>
          <ul className="space-y-2">
            {permissions.map((option) => {
              const inRole = fromRole.has(option.permission);
              const inputId = `${id}-${option.permission}`;
              return (
                <li key={option.permission} className="flex items-start gap-2">
                  <input
                    id={inputId}
                    type="checkbox"
                    className="mt-0.5 size-4 shrink-0"
                    checked={inRole || grants.has(option.permission)}
                    disabled={inRole}
                    aria-describedby={`${inputId}-why`}
                    onChange={(event) => toggle(option.permission, event.target.checked)}
                  />
                  <span>
                    <label htmlFor={inputId} className="font-medium">
                      {option.label}
                    </label>
                    {inRole && (
                      <Badge tone="blue" className="ml-2">
                        from role
                      </Badge>
                    )}
                    <span id={`${inputId}-why`} className="block text-xs text-slate-500">
                      {option.explanation}
                    </span>
                  </span>
                </li>
              );
            })}
          </ul>
        </fieldset>
      </td>
      <td className="block px-4 pt-3 pb-4 md:table-cell md:py-3 md:text-right">
        <Button
          type="button"
          variant={dirty ? "primary" : "secondary"}
          disabled={pending || !dirty}
          onClick={onSave}
          aria-label={`Save permissions for ${name}`}
          className="w-full md:w-auto"
        >
          {pending ? "Saving…" : "Save"}
        </Button>
        <p className={dirty ? "mt-1 text-xs font-medium text-amber-800" : "sr-only"}>
          {dirty ? "Unsaved changes" : ""}
        </p>
      </td>
    </tr>
  );
}
