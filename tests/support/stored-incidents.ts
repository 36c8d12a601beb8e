// What the database tests read back: a dataset's stored incidents in seq order, through the production
// filter SQL (lib/db/incidents.ts's incidentWhere). No production code reads the store this way; the API
// reads through lib/db/incident-reads.ts.
import { incidentWhere, type IncidentQuery } from "../../lib/db/incidents";
import { readCandidateBytes, type IncidentCandidate } from "../../lib/db/incident-reads";
import type { IncidentFilter } from "../../lib/incident/filter";
import type { Db, Queryable } from "../../lib/db/types";

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

/** A candidate with its feature's text decoded: what the tests compare between engines and with storedText. */
export type TextCandidate = Omit<IncidentCandidate, "featureBytes"> & { feature: string };

/** Every candidate `filter` admits (readCandidateBytes, the map view's read, without its limit), each feature's bytes decoded. */
export async function readTexts(db: Db, datasetId: number, filter: IncidentFilter): Promise<TextCandidate[]> {
  const { rows } = await readCandidateBytes(db, datasetId, filter, Number.MAX_SAFE_INTEGER);
  return rows.map(({ featureBytes, ...c }) => ({ ...c, feature: new TextDecoder().decode(featureBytes) }));
}
