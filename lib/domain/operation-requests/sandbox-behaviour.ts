/**
 * How the sandbox gateway answers one call: magic amounts first (whatever the configured mode),
 * then "fail the next N calls", then the gateway's mode. Pure; the route handler applies it.
 */
export type SandboxMode = "succeed" | "decline" | "error" | "timeout";
export type SandboxAnswer = "succeed" | "decline" | "error" | "timeout";

/** Whole-number parts that force an answer, documented in the README and on the Gateways page. */
export const MAGIC_AMOUNTS: Record<string, Exclude<SandboxAnswer, "succeed">> = {
  "666": "decline",
  "500": "error",
  "408": "timeout",
};

export function sandboxAnswer(input: {
  amount: string;
  mode: SandboxMode;
  failNextTaken: boolean;
}): SandboxAnswer {
  const whole = input.amount.split(".")[0].replace(/^0+(?=\d)/, "");
  const magic = MAGIC_AMOUNTS[whole];
  if (magic) return magic;
  if (input.failNextTaken) return "decline";
  return input.mode;
}
