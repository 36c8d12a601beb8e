import "server-only";
// Where a road's or an area's marker stands and its geometry's box, kept once a read has worked them out
// (the table incident_shapes, lib/db/migrations/…_incident-shapes.sql): the next read takes six numbers
// instead of parsing the geometry's text again.
import type { Position } from "geojson";
import type { Queryable } from "./types";

export interface IncidentShape {
  seq: number;
  /** The incident row's xmin when its geometry was read: the row the shape was worked out from. */
  xmin: string;
  anchor: Position;
  /** [west, south, east, north] */
  bbox: number[];
}

/**
 * Keeps the shapes of incidents still as they were read: a row changed or deleted since (its xmin differs,
 * or it is gone) gets none, and the row lock makes a change in flight wait or be waited for, so a kept
 * shape is never older than its incident (the delete and update triggers forget shapes).
 */
export async function rememberShapes(db: Queryable, datasetId: number, shapes: readonly IncidentShape[]): Promise<void> {
  if (shapes.length === 0) return;
  const column = (f: (s: IncidentShape) => number | string) => shapes.map(f);
  await db.query(
    `INSERT INTO incident_shapes (dataset_id, seq, anchor_x, anchor_y, west, south, east, north)
     SELECT i.dataset_id, i.seq, u.ax, u.ay, u.w, u.s, u.e, u.n
     FROM unnest($2::int[], $3::text[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::float8[]) AS u (seq, xmin, ax, ay, w, s, e, n)
     JOIN incidents i ON i.dataset_id = $1 AND i.seq = u.seq AND i.xmin::text = u.xmin
     FOR SHARE OF i
     ON CONFLICT (dataset_id, seq) DO NOTHING`,
    [
      datasetId,
      column((s) => s.seq),
      column((s) => s.xmin),
      column((s) => s.anchor[0]),
      column((s) => s.anchor[1]),
      ...[0, 1, 2, 3].map((k) => column((s) => s.bbox[k])),
    ],
  );
}
