// Runs once when the server starts (Next's instrumentation hook), before it answers any request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installFrontDoor } = await import("./lib/server/front-door");
    installFrontDoor();
    if (process.env.NEXT_PHASE !== "phase-production-build") {
      // Open the store now (on a fresh machine: create, migrate and seed it), so the first reader does not wait for it.
      const { getDb } = await import("./lib/db/open");
      getDb().catch((err: Error) => {
        console.error(`The store could not be opened: ${err.message}`);
        // Another server has this store: answering pages while every data route fails would pass health checks.
        if (err.name === "FolderLockedError") process.exit(1);
      });
    }
  }
}
