// Who is asking: the signed-in account behind a request's session cookie, or null. The read routes pass
// it to canRead (./dataset-access.ts); until the session lookup of lib/auth is wired here, nobody is
// signed in, so private datasets are 404 to everyone and public and link ones read as before.
import "server-only";
import type { Queryable } from "../db/types";
import type { Viewer } from "./dataset-access";

export async function viewerOf(_db: Queryable, _request: Request): Promise<Viewer | null> {
  return null;
}
