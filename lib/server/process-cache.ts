// A cache shared by the whole server process. Next bundles the page and each API route separately, each
// with its own instance of lib/'s modules, so a module-level Map is one cache per route: at 1,000,000
// incidents the page, GET /api/incidents and GET /api/incidents/columns each read, validated and held
// their own copy (10–19 s and ~0.6 GB apiece). Keyed on a registered symbol, the cache is the same
// object whichever bundle asks.
import "server-only";
export function processCache<T extends object>(name: string, create: () => T): T {
  const key = Symbol.for(`daraa-incident-map:${name}`);
  const slot = globalThis as unknown as Record<symbol, T | undefined>;
  return (slot[key] ??= create());
}
