/**
 * The one Content-Security-Policy, for next.config.ts (every page) and proxy.ts (the hosted checkout
 * page, whose frame-ancestors depends on the request). Pure, with no imports: next.config.ts loads it
 * before anything else exists.
 *
 * Next.js inlines its bootstrap scripts, so scripts need 'unsafe-inline' without per-request nonces;
 * everything else is restricted to this origin.
 */
export function contentSecurityPolicy(options: {
  production: boolean;
  /** Who may frame the page: nobody ("'none'") unless an embed was allowed for one origin. */
  frameAncestors?: string;
}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${options.production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    `frame-ancestors ${options.frameAncestors ?? "'none'"}`,
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/**
 * The paths whose framing proxy.ts decides (the hosted checkout page and what lives under it);
 * next.config.ts leaves their Content-Security-Policy and X-Frame-Options to it.
 */
export const PROXY_FRAMED_PREFIX = "/checkout/";
