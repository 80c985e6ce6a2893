import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { requireAllowed } from "@/lib/auth/session";
import { GRANTABLE_PERMISSIONS } from "@/lib/domain/auth/permissions";
import { GRANT_DESCRIPTIONS } from "@/lib/domain/members/grants";
import { mayManageMembers } from "@/lib/domain/policies/administration";
import { listMembers } from "@/lib/queries/members/list-members";
import { MembersTable } from "./_components/members-table";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const principal = await requireAllowed(mayManageMembers);
  const members = await listMembers(principal.merchantId);
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm text-slate-500">Administration</p>
        <h1 className="text-2xl font-semibold">Members</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          The members of {principal.merchantName}. Each role comes with its permissions; tick a
          permission to grant it to one member on top of their role. Permissions the role already
          gives are ticked and marked &ldquo;from role&rdquo;. Every change is in the audit log.
        </p>
      </header>
      {members.length === 0 ? (
        <div className="rounded-lg border border-slate-200 bg-white">
          <EmptyState title="No members yet." />
        </div>
      ) : (
        <MembersTable
          members={members}
          currentUserId={principal.userId}
          permissions={GRANTABLE_PERMISSIONS.map((permission) => ({
            permission,
            ...GRANT_DESCRIPTIONS[permission],
          }))}
        />
      )}
    </div>
  );
}
