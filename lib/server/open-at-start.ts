import "server-only";
// What the server does once at start (server.ts), before Next is ready: open the store (on a fresh machine:
// create, migrate and seed it), so the first reader does not wait for it, and offer the first admin's key.
// Not Next's instrumentation hook: in production Next runs that at the first request it handles itself.
import { getDb } from "../db/open";
import { offerSetup } from "../auth/first-admin";
// An operator's message, without a data value a database error may quote.
import { withoutValues } from "./failure-log";

/** Starts opening the store; prints the setup key when there is no account; exits when another server holds the store. */
export function openStoreAtStart(port: number): void {
  getDb().then(
    // No account yet: a one-time key makes the first admin while the server runs.
    (db) => offerSetup(db).then(
      (key) => {
        if (key === null) return;
        const url = `http://localhost:${port}/api/setup`;
        console.log(`No account yet. Make the first admin with this one-time key (it works once, until the server restarts):\n  curl -X POST ${url} -H 'content-type: application/json' --data '{"token":"${key}","name":"NAME","password":"PASSWORD"}'`);
      },
      (err: Error) => console.error(`The setup key could not be made: ${withoutValues(err.message)}`),
    ),
    (err: Error) => {
      console.error(`The store could not be opened: ${withoutValues(err.message)}`);
      // Another server has this store: answering pages while every data route fails would pass health checks.
      if (err.name === "FolderLockedError") process.exit(1);
    },
  );
}
