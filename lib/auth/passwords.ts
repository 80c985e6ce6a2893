/** Moved to lib/credentials (services hash passwords too, and services must not import lib/auth). */
export * from "@/lib/credentials/passwords";
