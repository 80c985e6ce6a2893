"use server";

import { action } from "@/lib/actions/action-client";
import { assignChecker } from "@/lib/services/operations-approval/assign-checker";
import { saveWhitelist } from "@/lib/services/operations-approval/set-whitelist";
import { updateApprovalSettings } from "@/lib/services/operations-approval/update-approval-settings";
import {
  ApprovalSettingsSchema,
  AssignCheckerSchema,
  SaveWhitelistSchema,
} from "@/lib/validation/operation-requests";

export const updateApprovalSettingsAction = action(
  ApprovalSettingsSchema,
  "plugins.manage",
  async (input, principal) => {
    await updateApprovalSettings(principal, input);
    return null;
  },
);

export const assignCheckerAction = action(
  AssignCheckerSchema,
  "plugins.manage",
  async ({ userId }, principal) => {
    await assignChecker(principal, userId);
    return null;
  },
);

/**
 * Admins (plugins.manage) and the checker both edit the whitelist, and no one permission names both,
 * so the action only asks for a signed-in member and the service's policy (mayManageWhitelist)
 * decides who may.
 */
export const saveWhitelistAction = action(
  SaveWhitelistSchema,
  "authenticated",
  async ({ entries }, principal) => saveWhitelist(principal, entries),
);
