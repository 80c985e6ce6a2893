import pino, { type DestinationStream } from "pino";
import { config } from "@/lib/config";

/**
 * Card data never reaches a log line (issue 8). Two layers, because either alone leaks:
 * - fields named like card data are replaced at any depth, errors included (their own properties
 *   and causes), before pino serializes the line;
 * - the finished line is scrubbed of anything that looks like a card number (a run of 13 to 19
 *   digits, spaces or dashes allowed between them) and of a code written after a CVC-like word,
 *   wherever it sits: a message, an error's message or stack, a child logger's bindings.
 */
const SENSITIVE_KEY =
  /^(number|card_?number|pan|cvc|cvc2|cvv|cvv2|security_?code|password|api_?key|authorization|cookie)$/i;
const PAN_RUN = /(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])/g;
const CVC_IN_TEXT = /\b(cvc2?|cvv2?|security[ _-]?code)(\W{1,4})\d{3,4}\b/gi;
export const REDACTED = "[Redacted]";
const MAX_DEPTH = 8;

export function scrubText(text: string): string {
  return text.replace(PAN_RUN, REDACTED).replace(CVC_IN_TEXT, `$1$2${REDACTED}`);
}

function scrub(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return scrubText(value);
  if (typeof value === "bigint") return scrubText(value.toString());
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[Circular]";
  if (depth > MAX_DEPTH) return "[Deep]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1, seen));
  if (value instanceof Date) return value.toISOString();
  if (value instanceof URL) return scrubText(value.toString());
  const source: Record<string, unknown> =
    value instanceof Error
      ? {
          type: value.name,
          message: value.message,
          stack: value.stack,
          ...(value.cause === undefined ? {} : { cause: value.cause }),
          ...Object.fromEntries(Object.entries(value)),
        }
      : Object.fromEntries(Object.entries(value));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(source))
    out[key] =
      SENSITIVE_KEY.test(key) && item !== undefined ? REDACTED : scrub(item, depth + 1, seen);
  return out;
}

/** The logger over any stream: tests pass their own to read what was written. */
export function createLogger(destination?: DestinationStream, level = config().logLevel) {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "countersign" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      log: (object) => scrub(object, 0, new WeakSet()) as Record<string, unknown>,
      bindings: (bindings) => scrub(bindings, 0, new WeakSet()) as Record<string, unknown>,
    },
    // Errors were made plain (and scrubbed) by formatters.log; pino's own error serializer would
    // rename their type to "Object".
    serializers: { err: (value: unknown) => value },
    hooks: { streamWrite: scrubText },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Structured JSON logs. Each request handler logs through a child carrying its request id. */
export const logger = createLogger();
