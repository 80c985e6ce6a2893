import pino from "pino";
import { config } from "@/lib/config";

/** Structured JSON logs. Each request handler logs through a child carrying its request id. */
export const logger = pino({
  level: config().logLevel,
  base: { service: "countersign" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: ["req.headers.authorization", "req.headers.cookie", "password", "apiKey"],
});
