// Lint: Next's rules (core web vitals, TypeScript) with React hooks' rules, and the layout of lib/ (README,
// "Layout"): which folder may import which, no React, Leaflet or Next in lib/, server-only code marked so
// Next's bundler refuses it in the browser. `npm test` runs it.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const ROOT = fileURLToPath(new URL(".", import.meta.url));

// The folders of lib/ each folder imports, from the bottom up: exactly the edges the code has, so a new
// edge is a decision written here (and in the README's table), never one already allowed by accident.
const LAYOUT = {
  rules: [],
  geo: [],
  csv: [],
  basemap: [],
  incident: ["geo", "rules"],
  export: ["geo", "incident", "import", "rules"],
  url: ["geo", "incident", "rules"],
  display: ["geo", "incident"],
  analysis: ["incident", "display"],
  dataset: ["geo", "incident"],
  columns: ["incident"],
  import: ["csv", "geo", "incident", "geocode", "rules"],
  geocode: ["csv", "geo"],
  db: ["geo", "incident", "export", "rules"],
  auth: ["db", "rules"],
  server: ["geo", "incident", "export", "columns", "url", "db", "auth", "geocode", "rules", "dataset"],
  build: ["csv", "geo", "incident", "geocode", "basemap", "rules"],
};

// A folder of lib/ without a row would import anything: refuse to lint until it has one.
const folders = readdirSync(new URL("./lib", import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const missing = folders.filter((f) => !(f in LAYOUT));
if (missing.length) throw new Error(`eslint.config.mjs: lib/${missing.join("/, lib/")}/ has no row in LAYOUT`);

const layoutZones = Object.entries(LAYOUT).map(([folder, allowed]) => ({
  target: `./lib/${folder}`,
  from: folders.filter((f) => f !== folder && !allowed.includes(f)).map((f) => `./lib/${f}`),
  message: `lib/${folder}/ imports ${allowed.length ? `only ${allowed.map((f) => `lib/${f}/`).join(", ")}` : "no other folder of lib/"} (eslint.config.mjs LAYOUT, README "Layout").`,
}));

// Code that reads files or uses Node's own globals runs on the server only.
const NODE_ONLY = /from\s*["']node:|\bBuffer\.|\bsetImmediate\(|\bprocess\.cwd\(/;

/** Server-only code imports "server-only": every file with `always`, otherwise a file that uses Node. */
const serverOnlyMarked = {
  meta: {
    type: "problem",
    schema: [{ type: "object", properties: { always: { type: "boolean" } }, additionalProperties: false }],
    messages: { missing: "{{why}}: import \"server-only\" so that Next's bundler refuses this file in the browser." },
  },
  create(context) {
    const always = context.options[0]?.always ?? false;
    return {
      Program(program) {
        const why = always ? "every file of this folder runs on the server only" : NODE_ONLY.test(context.sourceCode.text) ? "this file uses Node" : null;
        if (!why) return;
        if (program.body.some((s) => s.type === "ImportDeclaration" && s.source.value === "server-only")) return;
        context.report({ node: program, messageId: "missing", data: { why } });
      },
    };
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  { plugins: { layout: { rules: { "server-only-marked": serverOnlyMarked } } } },
  {
    files: ["lib/**", "components/**", "app/**", "server.ts"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          basePath: ROOT,
          zones: [
            ...layoutZones,
            { target: ["./components", "./app", "./server.ts"], from: "./lib/build", message: "lib/build/ is for scripts and benches: the app never imports it." },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "^(react|react-dom|leaflet|react-leaflet|next)(/|$)", message: "lib/ is pure logic: no React, Leaflet or Next (README, \"Layout\")." }] }],
      "layout/server-only-marked": "error",
    },
  },
  { files: ["lib/server/**"], rules: { "layout/server-only-marked": ["error", { always: true }] } },
  { files: ["lib/build/**"], rules: { "layout/server-only-marked": "off" } },
  // Tests and benches are not React: a helper named useX there is not a hook.
  { files: ["tests/**", "bench/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  // CommonJS files (next.config.js: the package is not "type": "module") load with require.
  { files: ["**/*.js", "**/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  { ignores: [".next/**", "node_modules/**", "test-results/**", "next-env.d.ts", "tmp/**", "data/**", "scratch/**"] },
];

export default config;
