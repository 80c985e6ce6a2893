/** Moved to lib/credentials (services hash keys too, and services must not import lib/auth). */
export * from "@/lib/credentials/api-keys";
