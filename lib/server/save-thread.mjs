/* eslint-disable layout/server-only-marked -- Node starts this file as it is, outside the bundler, where "server-only" would throw */
// The thread a save's body is read on (lib/server/save-body.ts is the other end, save-worker.ts the work):
// it compiles the TypeScript it needs as server.ts's own files are (tsx), so the checks are the routes' own code.
import { createRequire } from "node:module";
import { register } from "tsx/cjs/api";

register();
createRequire(import.meta.url)("./save-worker.ts");
