/** The inline error (announced at once) and the saved message (announced politely) under a form. */
export function SaveFeedback({ error, saved }: { error: string | null; saved: string | null }) {
  return (
    <>
      {error && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <p role="status" className={saved ? "mt-3 text-sm text-emerald-800" : "sr-only"}>
        {saved}
      </p>
    </>
  );
}
