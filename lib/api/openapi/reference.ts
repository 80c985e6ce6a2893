import { ERROR_STATUS, type ErrorCode } from "../errors";
import { openApiDocument } from "./document";
import { ERROR_CODES, ERROR_MEANINGS } from "./shared";

// ---------------------------------------------------------------------------------------------
// The same document, arranged for the dashboard's API reference page.
// ---------------------------------------------------------------------------------------------

export type ApiReferenceEndpoint = {
  /** An anchor for links: "post-api-v1-operations". */
  anchor: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  public: boolean;
  parameters: {
    name: string;
    in: string;
    required: boolean;
    description: string | null;
    schema: unknown;
  }[];
  requestBody: unknown;
  responses: {
    status: string;
    description: string;
    mediaType: string | null;
    schema: unknown;
    errorCodes: string[];
  }[];
};

export type ApiReference = {
  title: string;
  version: string;
  description: string;
  groups: { tag: string; description: string | null; endpoints: ApiReferenceEndpoint[] }[];
  schemas: { name: string; schema: unknown }[];
  errorCodes: { code: ErrorCode; status: number; meaning: string }[];
};

const HTTP_METHODS = ["get", "post", "put", "patch", "delete"] as const;

export function apiReference(): ApiReference {
  const document = openApiDocument();
  const endpoints: (ApiReferenceEndpoint & { tag: string })[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      endpoints.push({
        tag: operation.tags?.[0] ?? "Other",
        anchor: `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-").replace(/-+$/, ""),
        method: method.toUpperCase(),
        path,
        summary: operation.summary ?? "",
        description: operation.description ?? "",
        public: Array.isArray(operation.security) && operation.security.length === 0,
        parameters: (operation.parameters ?? []).flatMap((parameter) =>
          "in" in parameter
            ? [
                {
                  name: parameter.name,
                  in: parameter.in,
                  required: parameter.required ?? false,
                  description: parameter.description ?? null,
                  schema: withoutDescription(parameter.schema),
                },
              ]
            : [],
        ),
        requestBody:
          operation.requestBody && "content" in operation.requestBody
            ? (operation.requestBody.content["application/json"]?.schema ?? null)
            : null,
        responses: Object.entries(operation.responses ?? {}).map(([status, response]) => {
          const content: Record<string, { schema?: unknown }> =
            ("content" in response ? response.content : undefined) ?? {};
          const mediaType = Object.keys(content)[0] ?? null;
          const schema = mediaType ? (content[mediaType].schema ?? null) : null;
          return {
            status,
            description: "description" in response ? String(response.description) : "",
            mediaType,
            schema,
            errorCodes: errorCodesOf(schema),
          };
        }),
      });
    }
  }
  const tags = document.tags ?? [];
  const groups = [
    ...new Set([...tags.map((tag) => tag.name), ...endpoints.map((endpoint) => endpoint.tag)]),
  ].map((tag) => ({
    tag,
    description: tags.find((known) => known.name === tag)?.description ?? null,
    endpoints: endpoints.filter((endpoint) => endpoint.tag === tag),
  }));
  return {
    title: document.info.title,
    version: document.info.version,
    description: document.info.description ?? "",
    groups: groups.filter((group) => group.endpoints.length > 0),
    schemas: Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => ({
      name,
      schema,
    })),
    errorCodes: ERROR_CODES.map((code) => ({
      code,
      status: ERROR_STATUS[code],
      meaning: ERROR_MEANINGS[code],
    })),
  };
}

/** The `error.code` enum of an error response's schema, as errorResponses() writes it. */
function errorCodesOf(schema: unknown): string[] {
  const code = (
    schema as { properties?: { error?: { properties?: { code?: { enum?: unknown } } } } } | null
  )?.properties?.error?.properties?.code;
  return Array.isArray(code?.enum) ? code.enum.map(String) : [];
}

/** A parameter's schema shown beside its description need not repeat it. */
function withoutDescription(schema: unknown): unknown {
  if (typeof schema !== "object" || schema === null) return schema ?? null;
  const { description: _description, ...rest } = schema as Record<string, unknown>;
  return rest;
}
