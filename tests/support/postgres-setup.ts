// Vitest global setup of the database tests: one PostgreSQL + PostGIS cluster for the whole run
// (tests/support/postgres.ts), its address provided to the test files, which make a database each in it.
import type { TestProject } from "vitest/node";
import { acquireCluster } from "./postgres";

export default async function setup(project: TestProject) {
  const cluster = await acquireCluster();
  project.provide("postgresURL", cluster.url);
  return cluster.release;
}
