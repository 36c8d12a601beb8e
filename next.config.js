// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The test command type-checks the whole project with `tsc --noEmit` before it builds, so it sets
  // SKIP_BUILD_TYPECHECK=1 to avoid doing the same work twice. A plain `next build` always checks.
  typescript: { ignoreBuildErrors: process.env.SKIP_BUILD_TYPECHECK === "1" },
};

module.exports = nextConfig;
