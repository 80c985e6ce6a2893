import "server-only";
import { prisma } from "@/lib/db";
import type { Role } from "@/lib/domain/auth/permissions";
import { DEFAULT_EXPIRY_SETTINGS } from "@/lib/domain/operation-requests/deadlines";
import type { Operation } from "@/lib/domain/operation-requests/lifecycle";

export type ApprovalSettingsView = {
  /** False until someone first saves the plugin's settings; the values below are then the defaults. */
  installed: boolean;
  enabled: boolean;
  checkerUserId: string | null;
  manualActionExpiryHours: number;
  pendingExpiryHours: number;
  notifyCheckerOnPending: boolean;
  /** Active members, by name: the checker candidates and the rows of the whitelist. */
  members: ApprovalMember[];
};

export type ApprovalMember = {
  userId: string;
  name: string;
  email: string;
  role: Role;
  whitelist: Operation[];
};

/** Defaults of a merchant that has not installed the plugin: requests go straight to the gateway. */
const NOT_INSTALLED = {
  installed: false,
  enabled: false,
  checkerUserId: null,
  ...DEFAULT_EXPIRY_SETTINGS,
  notifyCheckerOnPending: true,
} as const;

export async function getApprovalSettings(merchantId: string): Promise<ApprovalSettingsView> {
  const [settings, memberships] = await Promise.all([
    prisma.operationsApprovalSettings.findUnique({
      where: { merchantId },
      select: {
        enabled: true,
        checkerUserId: true,
        manualActionExpiryHours: true,
        pendingExpiryHours: true,
        notifyCheckerOnPending: true,
      },
    }),
    prisma.membership.findMany({
      where: { merchantId, active: true },
      orderBy: [{ user: { name: "asc" } }, { user: { email: "asc" } }],
      select: {
        userId: true,
        role: true,
        user: { select: { name: true, email: true } },
        whitelist: { where: { merchantId }, select: { operation: true } },
      },
    }),
  ]);

  const members = memberships.map((membership) => ({
    userId: membership.userId,
    name: membership.user.name,
    email: membership.user.email,
    role: membership.role,
    whitelist: membership.whitelist.map((entry) => entry.operation).sort(),
  }));
  return settings ? { installed: true, ...settings, members } : { ...NOT_INSTALLED, members };
}
