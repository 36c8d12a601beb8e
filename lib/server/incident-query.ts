// GET /api/incidents over the store: the incidents of one dataset passing a filter, as the same bytes the
// in-memory index (./incident-index.ts) writes for the same features, straight from the stored JSON.
//
// The line between SQL and JavaScript: SQL narrows by the bbox (`geom &&`, through a GiST index, which
// compares single-precision boxes, so a superset), the date range (the same GiST index holds each
// incident's days as a range) and the event types; JavaScript then
// applies the exact rules of lib/incident/filter.ts: the marker's anchor in the bbox (for a point, its
// coordinates as stored doubles; for a road or an area, lib/incident/anchor.ts on its stored geometry) and
// the other facets (actors, fatalities, precision). The features' text is never parsed for a point, and a
// road's or an area's geometry once: its anchor and box are then kept (lib/db/incident-shapes.ts), so a
// read of a million-vertex polygon splices its stored text and parses nothing.
//
// An answer of up to SMALL_ANSWER rows is one query. A larger one is two: the first decides which rows
// and their bbox (the bbox member comes before the features) and their byte lengths (Content-Length),
// the second streams their stored text a page at a time, so a whole-dataset answer never sits in memory.
import "server-only";
import type { Position } from "geojson";
import type { Queryable } from "../db/types";
import { incidentWhere } from "../db/incidents";
import type { IncidentFilter } from "../incident/filter";
import { matches } from "../incident/filter";
import type { IncidentGeometry, IncidentProperties } from "../incident/model";
import { markerAnchor } from "../incident/anchor";
import { bboxContains, geometryBbox } from "../geo/bbox";
import { roundCoordinate, type ExportOptions } from "../export/geojson";
import { rememberShapes, type IncidentShape } from "../db/incident-shapes";
import { logFailure } from "./failure-log";

// @option SMALL_ANSWER: number = 5000
// Rows an answer may have and still be read in one query with its features' text (a map view at 1M
// incidents is a few hundred); past it, the two-pass stream.
export const SMALL_ANSWER = 5000;

// @option PAGE_ROWS: number = 5000
// Features fetched per query while a large answer streams.
export const PAGE_ROWS = 5000;

export interface StreamedBody {
  /** Exact size in bytes of the UTF-8 JSON the chunks make. */
  byteLength: number;
  /** The collection's UTF-8 JSON in pieces; iterable once. */
  chunks(): AsyncGenerator<Uint8Array<ArrayBuffer>>;
}

interface StoredRow {
  seq: number;
  /** A point's coordinates; null for other geometries. */
  x: number | null;
  y: number | null;
  /** The stored geometry's JSON, for anything but a point whose shape is not kept yet. */
  geometry: string | null;
  /** With it, the row's xmin, which the shape worked out from it is kept with. */
  xmin: string | null;
  /** A kept shape: the anchor and the geometry's box (null for points and shapes not kept yet). */
  ax: number | null;
  ay: number | null;
  west: number | null;
  south: number | null;
  east: number | null;
  north: number | null;
  event_type: string;
  /** [actor1, actor2, fatalities, geo_precision] as JSON, when the filter has those facets. */
  facets?: string;
  /** The stored feature's JSON (one-query answers). */
  feature?: string;
  /** Its length in UTF-8 bytes (two-pass answers). */
  bytes?: number;
}

const UTF8 = new TextEncoder();

/** Whether the filter has facets SQL leaves to matches() (types are decided in SQL). */
const jsFacets = (f: IncidentFilter) => !!(f.actors?.length || f.fatalities !== undefined || f.geoPrecision?.length);

function candidatesSql(datasetId: number, filter: IncidentFilter, mode: "one" | "two"): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const where = incidentWhere(datasetId, filter, params);
  const point = "GeometryType(geom) = 'POINT'";
  const unknown = `NOT ${point} AND s.seq IS NULL`;
  const columns = [
    "i.seq AS seq",
    `CASE WHEN ${point} THEN ST_X(geom) END AS x`,
    `CASE WHEN ${point} THEN ST_Y(geom) END AS y`,
    `CASE WHEN ${unknown} THEN (feature->'geometry')::text END AS geometry`,
    `CASE WHEN ${unknown} THEN i.xmin::text END AS xmin`,
    "s.anchor_x AS ax, s.anchor_y AS ay, s.west, s.south, s.east, s.north",
    "event_type",
    ...(jsFacets(filter)
      ? ["json_build_array(feature->'properties'->'actor1', feature->'properties'->'actor2', feature->'properties'->'fatalities', feature->'properties'->'geo_precision')::text AS facets"]
      : []),
    mode === "one" ? "feature::text AS feature" : "octet_length(feature::text)::int AS bytes",
  ];
  const select = `SELECT ${columns.join(", ")} FROM incidents i LEFT JOIN incident_shapes s ON s.dataset_id = i.dataset_id AND s.seq = i.seq
    WHERE ${where}`;
  // OFFSET 0 keeps the LIMIT out of the inner plan: with it, the planner walks the primary key in seq
  // order and filters every row, instead of asking the GiST and date indexes for the few that match.
  if (mode === "one") return { text: `SELECT * FROM (${select} OFFSET 0) AS c ORDER BY seq LIMIT ${SMALL_ANSWER + 1}`, params };
  return { text: `${select} ORDER BY seq`, params };
}

/**
 * The exact rules (anchor in bbox, facets) on SQL's candidates; adds each kept one's bbox to `box`, and
 * the shapes it had to work out to `learned`.
 */
function keep(rows: StoredRow[], filter: IncidentFilter, box: number[], learned: IncidentShape[]): StoredRow[] {
  const b = filter.bbox;
  const facets = jsFacets(filter);
  const out: StoredRow[] = [];
  for (const r of rows) {
    let anchor: Position;
    let rb: number[];
    if (r.x !== null && r.y !== null) {
      anchor = [r.x, r.y];
      rb = [r.x, r.y, r.x, r.y];
    } else if (r.geometry === null) {
      anchor = [r.ax!, r.ay!];
      rb = [r.west!, r.south!, r.east!, r.north!];
    } else {
      const g = JSON.parse(r.geometry) as IncidentGeometry;
      anchor = markerAnchor(g);
      rb = geometryBbox(g);
      learned.push({ seq: r.seq, xmin: r.xmin!, anchor, bbox: rb });
    }
    if (b && !bboxContains(b, anchor)) continue;
    if (facets) {
      const [actor1, actor2, fatalities, geo_precision] = JSON.parse(r.facets!) as [string, string | null, number, 1 | 2 | 3];
      const props = { event_type: r.event_type, actor1, actor2, fatalities, geo_precision } as IncidentProperties;
      if (!matches(props, null, { actors: filter.actors, fatalities: filter.fatalities, geoPrecision: filter.geoPrecision })) continue;
    }
    box[0] = Math.min(box[0], rb[0]);
    box[1] = Math.min(box[1], rb[1]);
    box[2] = Math.max(box[2], rb[2]);
    box[3] = Math.max(box[3], rb[3]);
    out.push(r);
  }
  return out;
}

/** Keeps the shapes a read worked out; a store that refuses (a read-only replica) costs the next read a parse, not this answer. */
const keepShapes = (db: Queryable, datasetId: number, shapes: IncidentShape[]) =>
  rememberShapes(db, datasetId, shapes).catch((err: unknown) => logFailure("GET /api/incidents: keeping shapes", err));

function head(count: number, box: number[], options: ExportOptions): string {
  // toExportCollection's member order: type, name, bbox, filters, features.
  const bboxMember = count ? `,"bbox":${JSON.stringify(box.map(roundCoordinate))}` : "";
  const filtersMember = options.filters ? `,"filters":${JSON.stringify(options.filters)}` : "";
  return `{"type":"FeatureCollection","name":${JSON.stringify(options.name)}${bboxMember}${filtersMember},"features":[`;
}

/**
 * The export collection (lib/export/geojson.ts's toExportCollection, byte for byte) of the dataset's
 * incidents that pass `filter`, with the store's feature text.
 * @throws RangeError when `from` or `to` is not an ISO day
 */
export async function queryIncidents(db: Queryable, datasetId: number, filter: IncidentFilter, options: ExportOptions): Promise<StreamedBody> {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const one = candidatesSql(datasetId, filter, "one");
  const first = (await db.query<StoredRow>(one.text, one.params)).rows;
  const learned: IncidentShape[] = [];
  if (first.length <= SMALL_ANSWER) {
    const kept = keep(first, filter, box, learned);
    await keepShapes(db, datasetId, learned);
    const bytes = UTF8.encode(`${head(kept.length, box, options)}${kept.map((r) => r.feature).join(",")}]}`);
    return {
      byteLength: bytes.length,
      async *chunks() {
        yield bytes;
      },
    };
  }
  const two = candidatesSql(datasetId, filter, "two");
  const kept = keep((await db.query<StoredRow>(two.text, two.params)).rows, filter, box, learned);
  await keepShapes(db, datasetId, learned);
  const headBytes = UTF8.encode(head(kept.length, box, options));
  let byteLength = headBytes.length + 2 + Math.max(0, kept.length - 1);
  for (const r of kept) byteLength += r.bytes!;
  return {
    byteLength,
    async *chunks() {
      yield headBytes;
      for (let at = 0; at < kept.length; at += PAGE_ROWS) {
        const page = kept.slice(at, at + PAGE_ROWS);
        const { rows } = await db.query<{ feature: string }>(
          "SELECT feature::text AS feature FROM incidents WHERE dataset_id = $1 AND seq = ANY($2::int[]) ORDER BY seq",
          [datasetId, page.map((r) => r.seq)],
        );
        // A write between the two passes changed the rows: end the body short rather than send other data.
        if (rows.length !== page.length) throw new Error(`dataset ${datasetId} changed while its answer was sent`);
        yield UTF8.encode(`${at ? "," : ""}${rows.map((r) => r.feature).join(",")}`);
      }
      yield UTF8.encode("]}");
    },
  };
}
