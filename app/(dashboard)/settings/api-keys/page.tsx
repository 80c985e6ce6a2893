import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { listApiKeys } from "@/lib/queries/api-keys/list-api-keys";
import { CreateKeyForm } from "./_components/create-key-form";
import { RevokeKeyButton } from "./_components/revoke-key-button";

export const metadata: Metadata = { title: "API keys" };

const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export default async function ApiKeysPage() {
  const principal = await requirePermission("api_keys.manage");
  const keys = await listApiKeys(principal.userId, principal.merchantId);
  return (
    <div className="max-w-4xl space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">API keys</h1>
        <p className="mt-1 text-sm text-slate-600">
          Keys act as you, with your role&apos;s permissions, for {principal.merchantName}. Send one
          as <code className="rounded bg-slate-100 px-1">Authorization: Bearer &lt;key&gt;</code>.
        </p>
      </header>
      <CreateKeyForm />
      <section
        aria-labelledby="keys-heading"
        className="rounded-lg border border-slate-200 bg-white"
      >
        <h2 id="keys-heading" className="border-b border-slate-200 px-4 py-3 font-medium">
          Your keys
        </h2>
        {keys.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-600">You have no API keys yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Name
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Key
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Created (UTC)
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Last used (UTC)
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Status
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <tr key={key.id} className="border-t border-slate-100">
                    <td className="px-4 py-2">{key.name}</td>
                    <td className="px-4 py-2 font-mono text-xs">{key.prefix}</td>
                    <td className="px-4 py-2">{dateTime.format(key.createdAt)}</td>
                    <td className="px-4 py-2">
                      {key.lastUsedAt ? dateTime.format(key.lastUsedAt) : "Never"}
                    </td>
                    <td className="px-4 py-2">
                      {key.revokedAt ? (
                        <span className="text-slate-500">
                          Revoked {dateTime.format(key.revokedAt)}
                        </span>
                      ) : (
                        <RevokeKeyButton id={key.id} name={key.name} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
