import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">You do not have access to this page</h1>
      <p className="mt-3 text-slate-600">
        Your role does not include the permission this page needs. Ask an admin of your merchant if
        you need it.
      </p>
      <Link href="/payments" className="mt-6 inline-block text-indigo-700 underline">
        Back to payments
      </Link>
    </main>
  );
}
