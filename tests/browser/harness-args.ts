// The flags Debian's Chromium needs here, as root and with no network: shared by the browser tests and
// the benchmarks (which cannot import the Vitest-bound harness).
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
