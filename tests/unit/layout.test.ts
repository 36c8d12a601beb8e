// The layout is the architecture: what each folder of lib/ may import, and server-only code marked so
// that Next's bundler refuses it in the browser (README, "Layout").
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { posix } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = `${__dirname}/../..`;
const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "lib", "components", "app", "proxy.ts"], { cwd: ROOT, encoding: "utf8" })
  .split("\n")
  .filter((f) => /\.(ts|tsx)$/.test(f));
const text = (f: string) => readFileSync(`${ROOT}/${f}`, "utf8");
const imports = (f: string) => [...text(f).matchAll(/(?:from\s*|import\s*\(\s*|import\s+)["']([^"']+)["']/g)].map((m) => m[1]);
const NODE_ONLY = /from\s*["']node:|\bBuffer\.|\bsetImmediate\(|\bprocess\.cwd\(/;

describe("server-only code is marked", () => {
  const lib = files.filter((f) => f.startsWith("lib/"));
  it.each(lib.filter((f) => f.startsWith("lib/server/") || (NODE_ONLY.test(text(f)) && !f.startsWith("lib/build/"))))("%s imports server-only", (f) => {
    expect(imports(f)).toContain("server-only");
  });
});

// Which folders of lib/ each folder may import: the shared incident domain and geometry below, then the
// concerns built on them; build-only and server-only code is never imported by what the browser runs.
const MAY_IMPORT: Record<string, readonly string[]> = {
  geo: [],
  csv: [],
  basemap: [],
  incident: ["geo"],
  export: ["csv", "geo", "incident", "import"],
  url: ["geo", "incident", "analysis"],
  display: ["geo", "incident"],
  analysis: ["geo", "incident", "display"],
  columns: ["csv", "geo", "incident", "import"],
  import: ["csv", "geo", "incident", "geocode"],
  geocode: ["csv", "geo", "incident", "import"],
  db: ["geo", "incident", "export", "import"],
  auth: ["geo", "incident", "db"],
  server: ["geo", "incident", "export", "columns", "import", "geocode", "url", "db", "auth"],
  build: ["csv", "geo", "incident", "export", "import", "geocode", "display", "analysis", "basemap"],
};

/** The folder of lib/ a specifier leads to, or null outside lib/. */
function libFolder(spec: string, from: string): string | null {
  const path = spec.startsWith("@/") ? spec.slice(2) : spec.startsWith(".") ? posix.join(posix.dirname(from), spec) : "";
  const m = /^lib\/([^/]+)\//.exec(path);
  return m ? m[1] : null;
}

describe("lib/ folders import only what the layout allows", () => {
  it("every folder of lib/ has a rule", () => {
    const folders = new Set(files.filter((f) => f.startsWith("lib/")).map((f) => f.split("/")[1]));
    for (const f of folders) expect(MAY_IMPORT, `lib/${f}/ has no rule in MAY_IMPORT`).toHaveProperty(f);
  });
  it.each(files.filter((f) => f.startsWith("lib/")))("%s", (f) => {
    const own = f.split("/")[1];
    const bad = imports(f)
      .map((s) => libFolder(s, f))
      .filter((d): d is string => d !== null && d !== own && !MAY_IMPORT[own]?.includes(d));
    expect(bad).toEqual([]);
  });
  it.each(files.filter((f) => f.startsWith("lib/")))("%s imports no React, Leaflet or Next", (f) => {
    expect(imports(f).filter((s) => /^(react|react-dom|leaflet|react-leaflet|next)(\/|$)/.test(s))).toEqual([]);
  });
  it.each(files.filter((f) => f.startsWith("components/") || f.startsWith("app/")))("%s does not import build-only code", (f) => {
    expect(imports(f).filter((s) => s.startsWith("@/lib/build/"))).toEqual([]);
  });
});
