// Starts the production build for the browser tests against a PostgreSQL + PostGIS database of their own in
// the run's one cluster (the store then migrates and seeds the Daraa dataset, as on a fresh deployment), and
// stops both afterwards.
// The tests never touch the project's data/ folder.
import type { TestProject } from "vitest/node";
import { startServer } from "./server";
import { acquireCluster, createDatabase } from "../support/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    /** The store's database, for tests that start a server of their own or add datasets. */
    databaseURL: string;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await acquireCluster();
  let server;
  let pg;
  try {
    pg = await createDatabase(cluster.url);
    server = await startServer({ DATABASE_URL: pg.url }, undefined, 120_000);
  } catch (err) {
    await pg?.stop();
    await cluster.release();
    throw err;
  }
  project.provide("postgresURL", cluster.url);
  project.provide("baseURL", server.baseURL);
  project.provide("databaseURL", pg.url);
  return async () => {
    await server.stop();
    await pg.stop();
    await cluster.release();
  };
}
