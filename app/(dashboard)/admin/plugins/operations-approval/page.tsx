import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { decisionActorOf } from "@/lib/auth/principal";
import { requirePrincipal } from "@/lib/auth/session";
import { whitelistableOperations } from "@/lib/domain/operation-requests/whitelist";
import { mayManagePlugin, mayManageWhitelist } from "@/lib/domain/policies/administration";
import { getApprovalSettings } from "@/lib/queries/operations-approval/get-approval-settings";
import { CheckerForm } from "./_components/checker-form";
import { ExpiryForm } from "./_components/expiry-form";
import { PluginStatusForm } from "./_components/plugin-status-form";
import { WhitelistTable } from "./_components/whitelist-table";

export const metadata: Metadata = { title: "Operations approval" };

export default async function OperationsApprovalPage() {
  const principal = await requirePrincipal();
  const actor = decisionActorOf(principal);
  // The checker may keep the whitelist, and nothing else; the services ask the same policies.
  if (!mayManageWhitelist(actor).ok) forbidden();
  const canManage = mayManagePlugin(actor).ok;

  const { installed, members, checkerUserId, ...settings } = await getApprovalSettings(
    principal.merchantId,
  );

  return (
    <div className="max-w-4xl space-y-6">
      <header>
        <p className="text-sm text-slate-600">Plugins</p>
        <h1 className="text-2xl font-semibold">Operations approval</h1>
        <p className="mt-1 text-sm text-slate-600">
          Maker-checker approval of refunds and voids for {principal.merchantName}: a member
          requests, the checker approves or rejects, and only then does the gateway move money.
        </p>
      </header>

      {settings.enabled && checkerUserId === null && (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          No checker is assigned: requests wait as pending until one is.
        </p>
      )}

      <PluginStatusForm settings={settings} installed={installed} canManage={canManage} />
      <CheckerForm checkerUserId={checkerUserId} members={members} canManage={canManage} />
      <ExpiryForm settings={settings} canManage={canManage} />
      <WhitelistTable
        // Only members whose role may request a refund or void; the service refuses the others.
        members={members
          .map((member) => ({ ...member, allowed: whitelistableOperations(member.role) }))
          .filter((member) => member.allowed.length > 0)}
      />
    </div>
  );
}
