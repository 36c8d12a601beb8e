// GET /api/incidents over the store: the incidents of one dataset passing a filter, as the same bytes the
// in-memory index (./incident-index.ts) writes for the same features, straight from the stored JSON.
//
// The line between SQL and JavaScript: SQL narrows by the bbox (`geom &&`, through a GiST index, which
// compares single-precision boxes, so a superset), the date range (the same GiST index holds each
// incident's days as a range) and the event types; JavaScript then
// applies the exact rules of lib/incident/filter.ts: the marker's anchor in the bbox (for a point, its
// coordinates as stored doubles; for a road or an area, lib/incident/anchor.ts on its stored geometry) and
// the other facets (actors, fatalities, precision). The features' text is never parsed for a point.
//
// An answer of up to SMALL_ANSWER rows is one query. A larger one is two: the first decides which rows
// and their bbox (the bbox member comes before the features) and their byte lengths (Content-Length),
// the second streams their stored text a page at a time, so a whole-dataset answer never sits in memory.
import "server-only";
import type { Position } from "geojson";
import type { Queryable } from "../db/types";
import type { IncidentFilter } from "../incident/filter";
import { matches } from "../incident/filter";
import type { IncidentGeometry, IncidentProperties } from "../incident/model";
import { markerAnchor } from "../incident/anchor";
import { bboxContains, geometryBbox } from "../geo/bbox";
import { roundCoordinate, type ExportOptions } from "../export/geojson";

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
  /** The stored geometry's JSON, for anything but a point. */
  geometry: string | null;
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
  const params: unknown[] = [datasetId];
  const p = (value: unknown) => `$${params.push(value)}`;
  const where = ["dataset_id = $1"];
  if (filter.bbox) {
    const [w, s, e, n] = filter.bbox;
    where.push(`geom && ST_MakeEnvelope(${p(w)}::float8, ${p(s)}::float8, ${p(e)}::float8, ${p(n)}::float8, 4326)`);
  }
  if (filter.from !== undefined || filter.to !== undefined) {
    // lib/incident/filter.ts's overlap of inclusive ranges; undated incidents only on request.
    // The expression of the incidents_geom_days index (lib/db/migrations), so the planner can use it.
    const days = `daterange(${filter.from !== undefined ? `${p(filter.from)}::date` : "NULL"}, ${filter.to !== undefined ? `${p(filter.to)}::date` : "NULL"}, '[]')`;
    const overlap = `event_date IS NOT NULL AND daterange(event_date, coalesce(event_date_end, event_date), '[]') && ${days}`;
    where.push(filter.includeUndated ? `(event_date IS NULL OR (${overlap}))` : `(${overlap})`);
  }
  if (filter.types?.length) where.push(`event_type = ANY(${p([...filter.types])}::text[])`);
  const point = "GeometryType(geom) = 'POINT'";
  const columns = [
    "seq",
    `CASE WHEN ${point} THEN ST_X(geom) END AS x`,
    `CASE WHEN ${point} THEN ST_Y(geom) END AS y`,
    `CASE WHEN ${point} THEN NULL ELSE (feature->'geometry')::text END AS geometry`,
    "event_type",
    ...(jsFacets(filter)
      ? ["json_build_array(feature->'properties'->'actor1', feature->'properties'->'actor2', feature->'properties'->'fatalities', feature->'properties'->'geo_precision')::text AS facets"]
      : []),
    mode === "one" ? "feature::text AS feature" : "octet_length(feature::text)::int AS bytes",
  ];
  const select = `SELECT ${columns.join(", ")} FROM incidents WHERE ${where.join(" AND ")}`;
  // OFFSET 0 keeps the LIMIT out of the inner plan: with it, the planner walks the primary key in seq
  // order and filters every row, instead of asking the GiST and date indexes for the few that match.
  if (mode === "one") return { text: `SELECT * FROM (${select} OFFSET 0) AS c ORDER BY seq LIMIT ${SMALL_ANSWER + 1}`, params };
  return { text: `${select} ORDER BY seq`, params };
}

/** The exact rules (anchor in bbox, facets) on SQL's candidates; adds each kept one's bbox to `box`. */
function keep(rows: StoredRow[], filter: IncidentFilter, box: number[]): StoredRow[] {
  const b = filter.bbox;
  const facets = jsFacets(filter);
  const out: StoredRow[] = [];
  for (const r of rows) {
    let anchor: Position;
    let rb: number[];
    if (r.geometry === null) {
      anchor = [r.x!, r.y!];
      rb = [r.x!, r.y!, r.x!, r.y!];
    } else {
      const g = JSON.parse(r.geometry) as IncidentGeometry;
      anchor = markerAnchor(g);
      rb = geometryBbox(g);
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
  if (first.length <= SMALL_ANSWER) {
    const kept = keep(first, filter, box);
    const bytes = UTF8.encode(`${head(kept.length, box, options)}${kept.map((r) => r.feature).join(",")}]}`);
    return {
      byteLength: bytes.length,
      async *chunks() {
        yield bytes;
      },
    };
  }
  const two = candidatesSql(datasetId, filter, "two");
  const kept = keep((await db.query<StoredRow>(two.text, two.params)).rows, filter, box);
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
