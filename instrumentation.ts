// Runs once when the server starts (Next's instrumentation hook), before it answers any request. The front
// door is not installed here: server.ts puts it before Next's request handler.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    // Open the store now (on a fresh machine: create, migrate and seed it), so the first reader does not wait for it.
    const { getDb } = await import("./lib/db/open");
    const { offerSetup } = await import("./lib/auth/first-admin");
    // An operator's message, without a data value a database error may quote.
    const { withoutValues } = await import("./lib/server/failure-log");
    getDb().then(
      // No account yet: a one-time key makes the first admin while the server runs.
      (db) => offerSetup(db).then(
        (key) => {
          if (key === null) return;
          const url = `http://localhost:${process.env.PORT ?? 3000}/api/setup`;
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
}
