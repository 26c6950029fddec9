// Headers every page and API answer carries (next.config.ts applies them to everything Next
// serves; scripts/serve.ts to the few answers it gives itself).
//
// script-src allows 'unsafe-inline': the App Router streams its flight data and bootstrap as
// inline <script> tags. Nonces would avoid that, but a nonce makes every page dynamic (no
// static rendering or caching of the portal's shell) and needs a middleware on every request;
// with no user-written HTML anywhere (React escapes all text) and no third-party scripts, the
// rest of the policy (no other origins, no plugins, no <base>, no framing) is what matters.
// style-src 'unsafe-inline': React style attributes (charts, toasts) are inline styles.
export function contentSecurityPolicy(options: { dev: boolean }): string {
  return [
    "default-src 'self'",
    // Next's development server evaluates modules (React Refresh) with eval.
    `script-src 'self' 'unsafe-inline'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(options: { dev: boolean }): { key: string; value: string }[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(options) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
    // For browsers that predate frame-ancestors.
    { key: "X-Frame-Options", value: "DENY" },
  ];
}

// Only sent over https (a browser ignores it on http, and it must never pin a plain-http
// development host).
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";
