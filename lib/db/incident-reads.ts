import "server-only";
// The read of a dataset's incidents for GET /api/incidents (lib/server/incident-query.ts applies the exact
// rules to what it returns and writes the answer): SQL narrows by the filter (incidentWhere: the geometry's
// box through the GiST index, a superset of the map's rule, the days, the types) and returns, per row,
// where its marker stands and its geometry's box without parsing a point's text, and a road's or an
// area's only until its shape is kept (./incident-shapes.ts).
import type { Position } from "geojson";
import type { BBox } from "../geo/bbox";
import { geometryBbox } from "../geo/bbox";
import { markerAnchor } from "../incident/anchor";
import type { IncidentFilter } from "../incident/filter";
import type { IncidentGeometry, IncidentProperties } from "../incident/model";
import type { IncidentShape } from "./incident-shapes";
import { incidentWhere } from "./incidents";
import type { Db, Queryable } from "./types";
import { CopyRows, wholeCopy } from "./copy-rows";
import { inlineParams } from "./sql-literal";

/** The properties the exact rules read beyond the types SQL decides. */
export type FacetProperties = Pick<IncidentProperties, "event_type" | "actor1" | "actor2" | "fatalities" | "geo_precision">;

export interface IncidentCandidate {
  seq: number;
  /** Where its marker stands (lib/incident/anchor.ts). */
  anchor: Position;
  /** Its stored geometry's box [west, south, east, north]. */
  box: BBox;
  /** Read only when the filter has actors, fatalities or precision, which SQL leaves to the exact rules. */
  facets?: FacetProperties;
  /** The stored feature's JSON text's length in UTF-8 bytes (readCandidates; the text is read later as bytes: ./feature-bytes.ts). */
  bytes?: number;
  /** The stored feature's JSON text as UTF-8 bytes (readCandidateBytes). */
  featureBytes?: Uint8Array;
}

/** What a read takes of each feature: its text (readCandidateBytes) or only its UTF-8 length (readCandidates). */
interface CandidateRead {
  text: "feature" | "length";
  /** At most this many rows, the first by seq. */
  limit?: number;
}

export interface Candidates {
  rows: IncidentCandidate[];
  /** The shapes worked out from a geometry's text for this read, for the caller to keep (rememberShapes). */
  learned: IncidentShape[];
}

interface Row {
  seq: number;
  /** A point's coordinates; null for other geometries. */
  x: number | null;
  y: number | null;
  /** The geometry's JSON, for anything but a point whose shape is not kept yet. */
  geometry: string | null;
  /** The row's xmin, for anything but a point. */
  xmin: string | null;
  /** A kept shape, [anchor x, anchor y, west, south, east, north] (null for points and shapes not kept yet). */
  shape: number[] | null;
  event_type: string;
  /** [actor1, actor2, fatalities, geo_precision] as JSON. */
  facets?: string;
  bytes?: number;
}

/** Whether the filter has facets SQL leaves to the exact rules (types are decided in SQL). */
const readsFacets = (f: IncidentFilter) => !!(f.actors?.length || f.fatalities !== undefined || f.geoPrecision?.length);

function candidatesSql(datasetId: number, filter: IncidentFilter, read: CandidateRead): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const where = incidentWhere(datasetId, filter, params);
  // A kept shape is looked up only for a row that is not a point (a join with incident_shapes cost a map
  // view of points a quarter of its time).
  const kept = "FROM incident_shapes s WHERE s.dataset_id = i.dataset_id AND s.seq = i.seq";
  const unknownShape = `i.lnglat IS NULL AND NOT EXISTS (SELECT 1 ${kept})`;
  const columns = [
    "i.seq AS seq",
    "i.lnglat[0] AS x",
    "i.lnglat[1] AS y",
    `CASE WHEN ${unknownShape} THEN (feature->'geometry')::text END AS geometry`,
    "CASE WHEN i.lnglat IS NULL THEN i.xmin::text END AS xmin",
    `CASE WHEN i.lnglat IS NULL THEN (SELECT ARRAY[s.anchor_x, s.anchor_y, s.west, s.south, s.east, s.north] ${kept}) END AS shape`,
    "event_type",
    ...(readsFacets(filter)
      ? ["json_build_array(feature->'properties'->'actor1', feature->'properties'->'actor2', feature->'properties'->'fatalities', feature->'properties'->'geo_precision')::text AS facets"]
      : []),
    read.text === "feature" ? "feature::text AS feature" : "octet_length(feature::text)::int AS bytes",
  ];
  const select = `SELECT ${columns.join(", ")} FROM incidents i WHERE ${where}`;
  if (read.limit === undefined) return { text: `${select} ORDER BY seq`, params };
  if (!Number.isSafeInteger(read.limit) || read.limit < 0) throw new RangeError(`limit: not a count of rows (value: ${read.limit})`);
  // OFFSET 0 keeps the LIMIT out of the inner plan: with it, the planner walks the primary key in seq
  // order and filters every row, instead of asking the GiST and date indexes for the few that match.
  return { text: `SELECT * FROM (${select} OFFSET 0) AS matched ORDER BY seq LIMIT ${read.limit}`, params };
}

function candidate(r: Row, learned: IncidentShape[]): IncidentCandidate {
  let anchor: Position;
  let box: BBox;
  if (r.x !== null && r.y !== null) {
    anchor = [r.x, r.y];
    box = [r.x, r.y, r.x, r.y];
  } else if (r.geometry === null) {
    const [ax, ay, west, south, east, north] = r.shape!;
    anchor = [ax, ay];
    box = [west, south, east, north];
  } else {
    const g = JSON.parse(r.geometry) as IncidentGeometry;
    anchor = markerAnchor(g);
    box = geometryBbox(g);
    learned.push({ seq: r.seq, xmin: r.xmin!, anchor, bbox: box });
  }
  const out: IncidentCandidate = { seq: r.seq, anchor, box };
  if (r.facets !== undefined) {
    const [actor1, actor2, fatalities, geo_precision] = JSON.parse(r.facets) as [string, string | null, number, 1 | 2 | 3];
    out.facets = { event_type: r.event_type, actor1, actor2: actor2 ?? undefined, fatalities, geo_precision };
  }
  if (r.bytes !== undefined) out.bytes = r.bytes;
  return out;
}

/**
 * The dataset's incidents that SQL's part of `filter` admits, in seq order: a superset of the filter's
 * (the box test is on the geometry's box, and the actors, fatalities and precision are not tested), with
 * what the exact rules need (lib/incident/filter.ts's matches on `anchor` and `facets`) and each feature's
 * length in bytes (a large answer's text is then read a page at a time: ./feature-bytes.ts).
 * @throws RangeError when `from` or `to` is not an ISO day
 */
export async function readCandidates(db: Queryable, datasetId: number, filter: IncidentFilter): Promise<Candidates> {
  const sql = candidatesSql(datasetId, filter, { text: "length" });
  const { rows } = await db.query<Row>(sql.text, sql.params);
  const learned: IncidentShape[] = [];
  return { rows: rows.map((r) => candidate(r, learned)), learned };
}

/**
 * readCandidates with the features' text as UTF-8 bytes, at most `limit` rows (the first by seq): one COPY in binary, whose
 * output crosses from the store's thread as one moved buffer, the text never a string (a map view's
 * answer is then written from those bytes, not decoded, copied between threads and encoded again).
 * @throws RangeError when `limit` is not a count
 */
export async function readCandidateBytes(db: Db, datasetId: number, filter: IncidentFilter, limit: number): Promise<Candidates> {
  const sql = candidatesSql(datasetId, filter, { text: "feature", limit });
  const facets = readsFacets(filter);
  // The shape as text ({…}, float8's shortest exact digits): one field instead of an array's binary form.
  const columns = `seq, x, y, geometry, xmin, shape::text AS shape, ${facets ? "event_type, facets, " : ""}feature`;
  const bytes = await wholeCopy(db.copyOut(`SELECT ${columns} FROM (${inlineParams(sql.text, sql.params)}) AS read ORDER BY seq`, true));
  const rows = new CopyRows(bytes, facets ? 9 : 7);
  const out: IncidentCandidate[] = [];
  const learned: IncidentShape[] = [];
  while (rows.next()) {
    const seq = rows.numberOrNull()!;
    const x = rows.numberOrNull();
    const y = rows.numberOrNull();
    const geometry = rows.textOrNull();
    const xmin = rows.textOrNull();
    const shape = rows.textOrNull();
    const r: Row = { seq, x, y, geometry, xmin, shape: shape === null ? null : (JSON.parse(`[${shape.slice(1, -1)}]`) as number[]), event_type: "" };
    if (facets) {
      r.event_type = rows.textOrNull()!;
      r.facets = rows.textOrNull()!;
    }
    const c = candidate(r, learned);
    c.featureBytes = rows.bytesOrNull()!;
    out.push(c);
  }
  return { rows: out, learned };
}
