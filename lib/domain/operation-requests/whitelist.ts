import { hasPermission, type Role } from "@/lib/domain/auth/permissions";
import { OPERATION_PERMISSION, OPERATIONS, type Operation } from "./operations";

/**
 * The operations a member of this role may be whitelisted for: those their role may request at
 * all. Whitelisting a viewer for refunds would grant nothing but read as if it did.
 */
export function whitelistableOperations(role: Role): Operation[] {
  return OPERATIONS.filter((operation) => hasPermission(role, OPERATION_PERMISSION[operation]));
}
