// @ts-check

// Every response, pages and API alike. The pages' Content-Security-Policy is set per request, with a
// nonce, by proxy.ts (lib/server/security-headers.ts).
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The test command type-checks the whole project with `tsc --noEmit` before it builds, so it sets
  // SKIP_BUILD_TYPECHECK=1 to avoid doing the same work twice. A plain `next build` always checks.
  typescript: { ignoreBuildErrors: process.env.SKIP_BUILD_TYPECHECK === "1" },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

module.exports = nextConfig;
