import { z } from "zod";
import { MAX_TRUSTED_PROXIES } from "@/lib/domain/auth/client-address";

/**
 * Every setting the application reads, parsed once by one zod schema. Nothing else in `lib/` reads
 * `process.env`; the README's settings table lists the same names. Scripts (`scripts/`) read the
 * variables that only matter before the app starts (embedded database port and folder, build).
 *
 * The parsed value is cached by the raw values it was parsed from, so an operator or a test that
 * changes a variable gets the new value on the next call, and a bad value fails with the variable's
 * name rather than as a NaN far away.
 */
const optionalText = z
  .string()
  .transform((value) => value.trim())
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const positiveInt = (fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .refine((value) => value > 0, "must be greater than 0")
    .optional()
    .transform((value) => value ?? fallback);

/** An http(s) address without a trailing slash, for the messaging providers. */
const optionalWebUrl = optionalText.refine(
  (value) => value === undefined || /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(value),
  "must be an http:// or https:// address",
);

const ConfigSchema = z.object({
  NODE_ENV: z.string().optional(),
  PORT: positiveInt(3000),
  DATABASE_URL: optionalText,
  DATABASE_POOL_SIZE: positiveInt(10),
  JOBS_POOL_SIZE: positiveInt(4),
  NEXTAUTH_SECRET: optionalText,
  NEXTAUTH_URL: optionalText,
  SANDBOX_MODE: optionalText,
  SANDBOX_GATEWAY_URL: optionalText,
  GATEWAY_TIMEOUT_MS: positiveInt(3000),
  RESEND_API_KEY: optionalText,
  EMAIL_FROM: optionalText,
  SMS_PROVIDER_URL: optionalWebUrl,
  SMS_PROVIDER_TOKEN: optionalText,
  WHATSAPP_API_URL: optionalWebUrl,
  WHATSAPP_API_TOKEN: optionalText,
  WHATSAPP_PHONE_NUMBER_ID: optionalText.refine(
    (value) => value === undefined || /^[0-9]{1,32}$/.test(value),
    "must be the digits of the WhatsApp business phone number id",
  ),
  COUNTERSIGN_WORKERS: optionalText,
  LOG_LEVEL: optionalText,
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: z.enum(["true", "false"]).optional(),
  TRUSTED_PROXIES: z
    .string()
    .trim()
    .regex(/^\d*$/, "must be a whole number")
    .transform((value) => (value === "" ? 0 : Number(value)))
    .refine((value) => value <= MAX_TRUSTED_PROXIES, `must be at most ${MAX_TRUSTED_PROXIES}`)
    .optional()
    .transform((value) => value ?? 0),
});

const KEYS = Object.keys(ConfigSchema.shape) as (keyof typeof ConfigSchema.shape)[];

export type Config = {
  nodeEnv: string | undefined;
  port: number;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  jobsPoolSize: number;
  nextAuthSecret: string | undefined;
  /** The public URL of the app without a trailing slash. */
  appUrl: string;
  sandboxMode: boolean;
  sandboxGatewayUrl: string;
  gatewayTimeoutMs: number;
  resendApiKey: string | undefined;
  emailFrom: string | undefined;
  /** The HTTP SMS provider (README: "SMS provider contract"); unset: SMS stay in the outbox. */
  sms: { url: string; token: string | undefined } | undefined;
  /** The WhatsApp Cloud API; unset: WhatsApp messages stay in the outbox (the wa.me link still works). */
  whatsapp: { url: string; token: string; phoneNumberId: string } | undefined;
  workersEnabled: boolean;
  logLevel: string;
  /** Reverse proxies in front of the app whose X-Forwarded-For entries are believed. */
  trustedProxies: number;
  /**
   * Whether webhook URLs may point at loopback, private or link-local addresses. Off in a real
   * production deployment (SSRF); on in development, tests and the sandbox demo, whose receivers run
   * on this machine.
   */
  webhookAllowPrivateAddresses: boolean;
};

/** Parses a set of variables; throws one error naming every bad one. Pure: tests call it directly. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = ConfigSchema.safeParse(Object.fromEntries(KEYS.map((key) => [key, env[key]])));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new Error(`Invalid settings: ${problems.join("; ")}. See the README's settings table.`);
  }
  const raw = parsed.data;
  const whatsappSet = [raw.WHATSAPP_API_URL, raw.WHATSAPP_API_TOKEN, raw.WHATSAPP_PHONE_NUMBER_ID];
  if (whatsappSet.some(Boolean) && !whatsappSet.every(Boolean)) {
    throw new Error(
      "Invalid settings: WHATSAPP_API_URL, WHATSAPP_API_TOKEN and WHATSAPP_PHONE_NUMBER_ID go together: set all three or none. See the README's settings table.",
    );
  }
  return {
    nodeEnv: raw.NODE_ENV,
    port: raw.PORT,
    databaseUrl: raw.DATABASE_URL,
    databasePoolSize: raw.DATABASE_POOL_SIZE,
    jobsPoolSize: raw.JOBS_POOL_SIZE,
    nextAuthSecret: raw.NEXTAUTH_SECRET,
    appUrl: (raw.NEXTAUTH_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, ""),
    sandboxMode: raw.SANDBOX_MODE === "true",
    sandboxGatewayUrl: (raw.SANDBOX_GATEWAY_URL ?? `http://127.0.0.1:${raw.PORT}`).replace(
      /\/$/,
      "",
    ),
    gatewayTimeoutMs: raw.GATEWAY_TIMEOUT_MS,
    resendApiKey: raw.RESEND_API_KEY,
    emailFrom: raw.EMAIL_FROM,
    sms: raw.SMS_PROVIDER_URL
      ? { url: raw.SMS_PROVIDER_URL.replace(/\/+$/, ""), token: raw.SMS_PROVIDER_TOKEN }
      : undefined,
    whatsapp:
      raw.WHATSAPP_API_URL && raw.WHATSAPP_API_TOKEN && raw.WHATSAPP_PHONE_NUMBER_ID
        ? {
            url: raw.WHATSAPP_API_URL.replace(/\/+$/, ""),
            token: raw.WHATSAPP_API_TOKEN,
            phoneNumberId: raw.WHATSAPP_PHONE_NUMBER_ID,
          }
        : undefined,
    workersEnabled: raw.COUNTERSIGN_WORKERS !== "off",
    logLevel: raw.LOG_LEVEL ?? (raw.NODE_ENV === "test" ? "silent" : "info"),
    trustedProxies: raw.TRUSTED_PROXIES,
    webhookAllowPrivateAddresses: raw.WEBHOOK_ALLOW_PRIVATE_ADDRESSES
      ? raw.WEBHOOK_ALLOW_PRIVATE_ADDRESSES === "true"
      : raw.NODE_ENV !== "production" || raw.SANDBOX_MODE === "true",
  };
}

let cached: { fingerprint: string; config: Config } | undefined;

/** The current settings from `process.env`. */
export function config(): Config {
  const fingerprint = KEYS.map((key) => process.env[key] ?? "\u0000").join("\u0001");
  if (cached?.fingerprint !== fingerprint) {
    cached = { fingerprint, config: parseConfig(process.env) };
  }
  return cached.config;
}
