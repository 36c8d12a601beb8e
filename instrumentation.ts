// Runs once when the server starts (Next's instrumentation hook), before it answers any request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installFrontDoor } = await import("./lib/server/front-door");
    installFrontDoor();
  }
}
