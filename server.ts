// The server `npm start` and `npm run dev` run: Next's documented custom server (`next()`, `prepare()`,
// `getRequestHandler()`) behind Node's own HTTP server, whose every request passes the front door
// (lib/server/front-door.ts) before Next's handler reads it. The store starts opening at once
// (lib/server/open-at-start.ts), while Next loads its build.
// Run as `node --conditions=react-server --import tsx server.ts [--dev] [-p PORT] [-H HOSTNAME]`: tsx
// compiles this file and the door's lib/ files as the scripts' are, the condition lets `server-only` in.
// Port and host as `next start` takes them: -p (else PORT, else 3000) and -H (else every interface; HOSTNAME
// is not read: shells and containers set it to the machine's name).
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { serveThroughFrontDoor } from "./lib/server/front-door";
import { openStoreAtStart } from "./lib/server/open-at-start";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { dev: { type: "boolean", default: false }, port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
  });
  const dev = values.dev;
  const portText = values.port ?? process.env.PORT ?? "3000";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port: not a port number (value: ${portText})`);
  const hostname = values.hostname;
  // Before Next is loaded: Next and the door read both. The mode is the flag's, not an inherited NODE_ENV
  // (a test runner's "test" would loosen the page's policy and skip its prerendered HTML).
  Object.assign(process.env, { NODE_ENV: dev ? "development" : "production", PORT: String(port) });
  openStoreAtStart(port);
  const { default: next } = await import("next");
  const app = next({ dev, hostname, port });
  // Loads the build (or starts the compiler); the door answers the store's reads 503 until it is open.
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer();
  serveThroughFrontDoor(server, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      // Next answers its own errors; this is one it could not, as `next start` reports it.
      console.error(`Failed to handle request for ${req.url}`, err);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.listen(port, hostname, () => {
    const address = server.address();
    const bound = typeof address === "object" && address !== null ? address.port : port;
    console.log(`Ready on http://${hostname ?? "localhost"}:${bound}${dev ? " (development)" : ""}`);
  });
}

main().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});
