import "server-only";
// PGlite does not lock its folder, and two processes writing one folder would corrupt it. The lock is a
// listening Unix socket: the kernel closes it when the process dies, however it dies, so a reused pid or
// a leftover file can never keep the store shut. Linux names it in the abstract namespace (no file at all);
// elsewhere it is a socket file beside the folder, found stale when nobody answers on it.
import { createHash } from "node:crypto";
import { realpathSync, rmSync } from "node:fs";
import { connect, createServer, type Server } from "node:net";

export class FolderLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: string,
  ) {
    super(`The embedded database ${dataDir} is open in ${holder} (the server?): stop it first, or use DATABASE_URL`);
    this.name = "FolderLockedError";
  }
}

function socketPath(dataDir: string): string {
  if (process.platform !== "linux") return `${dataDir}.lock`;
  const id = createHash("sha256").update(realpathSync(dataDir)).digest("hex").slice(0, 32);
  return `\0daraa-incident-map-db-${id}`;
}

const listen = (server: Server, path: string) =>
  new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, () => {
      server.off("error", reject);
      resolve();
    });
  });

/** Who holds the socket: its pid as the holder writes it, or null when nobody answers (a stale socket file). */
const holderOf = (path: string) =>
  new Promise<string | null>((resolve) => {
    const socket = connect(path);
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => (text += chunk));
    socket.on("end", () => resolve(text.trim() || "another process"));
    socket.on("error", () => resolve(null));
  });

/** Takes the folder's lock for this process; the function returned gives it back. */
export async function lockFolder(dataDir: string): Promise<() => void> {
  const path = socketPath(dataDir);
  for (let attempt = 0; ; attempt++) {
    // Whoever asks is told the holder's pid, for the refusal's message.
    const server = createServer((socket) => socket.end(`process ${process.pid}`));
    try {
      await listen(server, path);
      server.unref();
      return () => server.close();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EADDRINUSE" || attempt > 0) throw err;
      const holder = await holderOf(path);
      if (holder !== null) throw new FolderLockedError(dataDir, holder);
      // A socket file left by a process that died (only where there is a file at all).
      rmSync(path, { force: true });
    }
  }
}
