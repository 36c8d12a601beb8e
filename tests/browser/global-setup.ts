// Starts the production build for the browser tests against a PostgreSQL + PostGIS of their own (the
// store then migrates and seeds the Daraa dataset, as on a fresh deployment), and stops both afterwards.
// The tests never touch the project's data/ folder.
import type { TestProject } from "vitest/node";
import { startServer } from "./server";
import { startPostgres } from "../support/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    /** The store's database, for tests that start a server of their own or add datasets. */
    databaseURL: string;
  }
}

export default async function setup(project: TestProject) {
  const pg = await startPostgres();
  let server;
  try {
    server = await startServer({ DATABASE_URL: pg.url }, undefined, 120_000);
  } catch (err) {
    await pg.stop();
    throw err;
  }
  project.provide("baseURL", server.baseURL);
  project.provide("databaseURL", pg.url);
  return async () => {
    server.stop();
    await pg.stop();
  };
}
