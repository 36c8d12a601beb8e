// What the database tests read back: a dataset's stored incidents in seq order, through the production
// filter SQL (lib/db/incidents.ts's incidentWhere). No production code reads the store this way; the API
// reads through lib/db/incident-reads.ts.
import { incidentWhere, type IncidentQuery } from "../../lib/db/incidents";
import type { Queryable } from "../../lib/db/types";

export interface StoredIncident {
  seq: number;
  /** The feature's JSON text as stored. */
  feature: string;
}

/**
 * The incidents of a dataset in seq order, filtered in SQL. The bbox test is on the geometry's box (which the
 * GiST index answers): a superset of the map's rule, which tests the marker's anchor (lib/incident/place.ts).
 */
export async function readIncidents(db: Queryable, datasetId: number, q: IncidentQuery = {}): Promise<StoredIncident[]> {
  const params: unknown[] = [];
  const where = incidentWhere(datasetId, q, params);
  const { rows } = await db.query<StoredIncident>(`SELECT seq, feature::text AS feature FROM incidents i WHERE ${where} ORDER BY seq`, params);
  return rows;
}
