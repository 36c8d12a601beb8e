// The read route GET /api/incidents (app/api/incidents/route.ts, the code `npm start` serves) behind bare
// node:http, as a process of its own for bench/db.bench.ts: it serves the store DATABASE_URL names.
// Prints "listening PORT" once it accepts connections.
import { createServer } from "node:http";
import { GET } from "../app/api/incidents/route";

const server = createServer((req, res) => {
  const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, { headers: req.headers as Record<string, string> });
  GET(request).then(
    async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body) {
        const reader = response.body.getReader();
        for (let r = await reader.read(); !r.done; r = await reader.read()) res.write(r.value);
      }
      res.end();
    },
    (err: Error) => {
      res.writeHead(500);
      res.end(String(err));
    },
  );
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`));
