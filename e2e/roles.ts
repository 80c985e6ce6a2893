/** The demo accounts (prisma/seed.ts), one per role the tests sign in as. */
export const DEMO_PASSWORD = "demo-password";

export const ROLES = {
  admin: "admin@demo.test",
  checker: "checker@demo.test",
  maker: "maker@demo.test",
  maker2: "maker2@demo.test",
  viewer: "viewer@demo.test",
  otherAdmin: "admin@other.test",
} as const;

export type RoleName = keyof typeof ROLES;

export const API_KEYS: Record<RoleName, string> = {
  admin: "sk_demo_admin",
  checker: "sk_demo_checker",
  maker: "sk_demo_maker",
  maker2: "sk_demo_maker2",
  viewer: "sk_demo_viewer",
  otherAdmin: "sk_demo_other_admin",
};

export const storageStatePath = (role: RoleName) => `test-results/.auth/${role}.json`;
