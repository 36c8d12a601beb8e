// @ts-check

// Every response, pages and API alike (lib/server/security-headers.json, which the front door,
// lib/server/front-door.ts, sends on its own answers too). The pages' Content-Security-Policy is set per request, with a
// nonce (lib/server/security-headers.ts).
const securityHeaders = Object.entries(require("./lib/server/security-headers.json")).map(([key, value]) => ({ key, value }));

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Unused exports of analysable CommonJS modules left out of the bundles (Turbopack's default is off): 0.6 kB
  // gzipped off the page's first load (bench/page.bench.ts), in the chunk that holds React's CommonJS build.
  experimental: { turbopackCjsTreeShaking: true },
  // Leaflet in the browser from its own ES modules, less those the page never uses (components/map/leaflet/).
  turbopack: { resolveAlias: { leaflet: { browser: "./components/map/leaflet/index.js" } } },
  // The store's engines load WebAssembly and native-style modules from their own folders at run time.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-postgis", "pg", "node-pg-migrate"],
  // The test command type-checks the whole project with `tsc --noEmit` before it builds, so it sets
  // SKIP_BUILD_TYPECHECK=1 to avoid doing the same work twice. A plain `next build` always checks.
  typescript: { ignoreBuildErrors: process.env.SKIP_BUILD_TYPECHECK === "1" },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

module.exports = nextConfig;
