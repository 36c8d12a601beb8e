// Lint: Next's rules (core web vitals, TypeScript) with React hooks' rules; `npm test` runs it.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  // Tests and benches are not React: a helper named useX there is not a hook.
  { files: ["tests/**", "bench/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  // CommonJS files (next.config.js: the package is not "type": "module") load with require.
  { files: ["**/*.js", "**/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  { ignores: [".next/**", "node_modules/**", "test-results/**", "next-env.d.ts", "tmp/**", "data/**", "scratch/**"] },
];

export default config;
