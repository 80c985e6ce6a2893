import bcrypt from "bcryptjs";

const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummyHash: Promise<string> | undefined;

/** Compares against a throwaway hash when the email is unknown, so both paths take the same time. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword("countersign-timing-equaliser");
  await bcrypt.compare(password, await dummyHash);
  return false;
}
