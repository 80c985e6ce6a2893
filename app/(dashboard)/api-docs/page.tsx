import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { type ApiReferenceEndpoint, apiReference } from "@/lib/api/openapi/reference";
import { requirePrincipal } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API reference" };

const METHOD_TONES: Record<string, BadgeTone> = {
  GET: "blue",
  POST: "green",
  PUT: "amber",
  PATCH: "amber",
  DELETE: "red",
};

/** The OpenAPI document, readable in the dashboard: rendered on the server, no external script. */
export default async function ApiDocsPage() {
  await requirePrincipal();
  const reference = apiReference();
  return (
    <div className="max-w-5xl space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">API reference</h1>
        <p className="text-sm text-slate-600">
          {reference.title} {reference.version}. <Prose text={reference.description} />
        </p>
        <p className="text-sm text-slate-600">
          Authenticate with an API key from{" "}
          <Link href="/settings/api-keys" className="text-indigo-700 underline">
            Settings &gt; API keys
          </Link>{" "}
          as{" "}
          <code className="rounded bg-slate-100 px-1 font-mono text-xs">
            Authorization: Bearer &lt;key&gt;
          </code>
          . The machine-readable document is at{" "}
          <a href="/api/v1/openapi.json" className="font-mono text-indigo-700 underline">
            /api/v1/openapi.json
          </a>{" "}
          (OpenAPI 3.1).
        </p>
      </header>

      <nav
        aria-label="Endpoints"
        className="rounded-lg border border-slate-200 bg-white p-4 text-sm"
      >
        <ul className="space-y-3">
          {reference.groups.map((group) => (
            <li key={group.tag}>
              <p className="font-medium">{group.tag}</p>
              <ul className="mt-1 space-y-1">
                {group.endpoints.map((endpoint) => (
                  <li key={endpoint.anchor}>
                    <a href={`#${endpoint.anchor}`} className="text-indigo-700 underline">
                      <span className="font-mono text-xs">
                        {endpoint.method} {endpoint.path}
                      </span>
                    </a>{" "}
                    <span className="text-slate-600">{endpoint.summary}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
          <li>
            <a href="#errors" className="text-indigo-700 underline">
              Errors
            </a>
          </li>
          <li>
            <a href="#schemas" className="text-indigo-700 underline">
              Schemas
            </a>
          </li>
        </ul>
      </nav>

      {reference.groups.map((group) => (
        <section key={group.tag} aria-labelledby={`tag-${group.tag}`} className="space-y-4">
          <h2 id={`tag-${group.tag}`} className="text-xl font-semibold">
            {group.tag}
          </h2>
          {group.description && <p className="text-sm text-slate-600">{group.description}</p>}
          {group.endpoints.map((endpoint) => (
            <Endpoint key={endpoint.anchor} endpoint={endpoint} />
          ))}
        </section>
      ))}

      <section id="errors" aria-labelledby="errors-title" className="space-y-3">
        <h2 id="errors-title" className="text-xl font-semibold">
          Errors
        </h2>
        <p className="text-sm text-slate-600">
          Every error has one shape,{" "}
          <code className="font-mono text-xs">
            {'{ "error": { "code", "message", "details"? } }'}
          </code>
          . Branch on <code className="font-mono text-xs">code</code>; the message is for people.
        </p>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Code
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Meaning
                </th>
              </tr>
            </thead>
            <tbody>
              {reference.errorCodes.map((error) => (
                <tr key={error.code} className="border-t border-slate-100">
                  <td className="px-4 py-2 font-mono text-xs">{error.code}</td>
                  <td className="px-4 py-2">{error.status}</td>
                  <td className="px-4 py-2">
                    <Prose text={error.meaning} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section id="schemas" aria-labelledby="schemas-title" className="space-y-3">
        <h2 id="schemas-title" className="text-xl font-semibold">
          Schemas
        </h2>
        {reference.schemas.map(({ name, schema }) => (
          <div key={name} id={`schema-${name}`} className="space-y-1">
            <h3 className="font-mono text-sm font-semibold">{name}</h3>
            <JsonBlock value={schema} />
          </div>
        ))}
      </section>
    </div>
  );
}

function Endpoint({ endpoint }: { endpoint: ApiReferenceEndpoint }) {
  const success = endpoint.responses.filter((response) => response.errorCodes.length === 0);
  const errors = endpoint.responses.filter((response) => response.errorCodes.length > 0);
  return (
    <article
      id={endpoint.anchor}
      aria-labelledby={`${endpoint.anchor}-title`}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h3 id={`${endpoint.anchor}-title`} className="flex flex-wrap items-center gap-2">
        <Badge tone={METHOD_TONES[endpoint.method] ?? "neutral"}>{endpoint.method}</Badge>
        <code className="font-mono text-sm font-semibold">{endpoint.path}</code>
        <span className="text-sm text-slate-600">{endpoint.summary}</span>
        {endpoint.public && <Badge tone="violet">no authentication</Badge>}
      </h3>
      <p className="text-sm">
        <Prose text={endpoint.description} />
      </p>

      {endpoint.parameters.length > 0 && (
        <div className="space-y-1">
          <h4 className="text-sm font-medium">Parameters</h4>
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead className="text-left text-slate-600">
                <tr>
                  <th scope="col" className="py-1 pr-4 font-medium">
                    Name
                  </th>
                  <th scope="col" className="py-1 pr-4 font-medium">
                    In
                  </th>
                  <th scope="col" className="py-1 pr-4 font-medium">
                    Schema
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    Description
                  </th>
                </tr>
              </thead>
              <tbody>
                {endpoint.parameters.map((parameter) => (
                  <tr
                    key={`${parameter.in}-${parameter.name}`}
                    className="border-t border-slate-100 align-top"
                  >
                    <td className="py-1 pr-4 font-mono text-xs">
                      {parameter.name}
                      {parameter.required && (
                        <span className="text-red-700" title="required">
                          {" "}
                          *
                        </span>
                      )}
                    </td>
                    <td className="py-1 pr-4">{parameter.in}</td>
                    <td className="py-1 pr-4 font-mono text-xs">
                      {JSON.stringify(parameter.schema)}
                    </td>
                    <td className="py-1">
                      {parameter.description ? <Prose text={parameter.description} /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}

      {endpoint.requestBody !== null && (
        <div className="space-y-1">
          <h4 className="text-sm font-medium">Request body (application/json)</h4>
          <JsonBlock value={endpoint.requestBody} />
        </div>
      )}

      {success.map((response) => (
        <div key={response.status} className="space-y-1">
          <h4 className="text-sm font-medium">
            Response {response.status}
            {response.mediaType ? ` (${response.mediaType})` : ""}: {response.description}
          </h4>
          {response.schema !== null && <JsonBlock value={response.schema} />}
        </div>
      ))}

      {errors.length > 0 && (
        <div className="space-y-1">
          <h4 className="text-sm font-medium">Errors</h4>
          <ul className="space-y-1 text-sm">
            {errors.map((response) => (
              <li key={response.status}>
                <span className="font-medium">{response.status}</span>{" "}
                {response.description.split("\n").map((line, index) => (
                  <span key={index} className="block pl-6">
                    <Prose text={line} />
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </div>
      )}
    </article>
  );
}

/** Text with `code` spans, as the document's descriptions are written. */
function Prose({ text }: { text: string }) {
  return text.split("`").map((part, index) =>
    index % 2 === 1 ? (
      <code key={index} className="rounded bg-slate-100 px-1 font-mono text-xs">
        {part}
      </code>
    ) : (
      part
    ),
  );
}

const SCHEMA_REF = /^(\s*)"\$ref": "#\/components\/schemas\/([^"]+)"(,?)$/;

/** Pretty JSON; a reference to a named schema links to it below. */
function JsonBlock({ value }: { value: unknown }) {
  const lines = JSON.stringify(value, null, 2).split("\n");
  const rendered: ReactNode[] = lines.map((line, index) => {
    const ref = SCHEMA_REF.exec(line);
    const content = ref ? (
      <>
        {ref[1]}&quot;$ref&quot;:{" "}
        <a href={`#schema-${ref[2]}`} className="text-indigo-700 underline">
          {ref[2]}
        </a>
        {ref[3]}
      </>
    ) : (
      line
    );
    return (
      <span key={index} className="block">
        {content}
      </span>
    );
  });
  return (
    <pre className="max-h-96 overflow-auto rounded bg-slate-50 p-3 font-mono text-xs leading-5">
      {rendered}
    </pre>
  );
}
