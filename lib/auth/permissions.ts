/** The permission map is a pure domain rule; this path stays for the callers that import it here. */
export * from "@/lib/domain/auth/permissions";
