// SPEC §8 "Headers": what every response carries, and the pages' Content-Security-Policy.
// Edge-safe (no Node imports): proxy.ts runs it for pages, server.ts for everything else.

/** Served over https, per the console's public URL: only then is HSTS meaningful. */
export function servedOverHttps(authUrl: string | undefined): boolean {
  return authUrl?.startsWith("https://") ?? false;
}

/** The headers every response carries, pages and API alike. */
export function baseSecurityHeaders(https: boolean): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    // For browsers that predate CSP's frame-ancestors.
    "x-frame-options": "DENY",
    // An API answer or a static file is never a document to run scripts in or to frame.
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    ...(https ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/**
 * A page's policy: scripts only by this request's nonce (Next puts it on its own scripts) and
 * what they load ('strict-dynamic'). Styles allow inline attributes, which React and Radix set.
 * Development adds 'unsafe-eval' for React's refresh runtime.
 */
export function pageContentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
