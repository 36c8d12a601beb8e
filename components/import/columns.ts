// An import's incidents as the page's incident columns (lib/columns), made in the import worker: placed
// once here (anchors, labels, distances: the page runs no Turf for an import) and checked by the same
// reader as a saved dataset's, so the page builds its markers from them in one pass (buildPlaced).
import { buildPlaced } from "@/lib/columns/build";
import { incidentColumns } from "@/lib/columns/encode";
import type { IncidentColumns } from "@/lib/columns/format";
import { checkColumns, readColumns } from "@/lib/columns/read";
import { incidentsFrame, type Frame } from "@/lib/dataset/frame";
import { placeIncidents } from "@/lib/incident/place";
import type { IncidentFeature } from "@/lib/incident/model";
import { applyFlagAction, type FlagAction } from "@/lib/import/flags";

/** The features placed and written as checked columns, their buffer ready to transfer (the header is checked
 *  as written, not parsed back from the bytes' JSON); `laps`, when given, gets each step's milliseconds. */
export function columnsOf(features: readonly IncidentFeature[], laps?: Record<string, number>): IncidentColumns {
  return columnsAndFrameOf(features, laps, false).columns;
}

/** columnsOf, and with `framed` the frame of the incidents' anchors (lib/dataset/frame.ts's incidentsFrame,
 *  worked out here off the page's thread: the page's took 134-250 ms of a 1M import's render). */
export function columnsAndFrameOf(features: readonly IncidentFeature[], laps?: Record<string, number>, framed = true): { columns: IncidentColumns; frame: Frame | null } {
  let t = performance.now();
  const lap = (name: string) => {
    if (laps) laps[name] = Math.round(performance.now() - t);
    t = performance.now();
  };
  const placed = placeIncidents(features);
  lap("place");
  const columns = incidentColumns(placed);
  lap("encode");
  checkColumns(columns);
  lap("check");
  if (!framed) return { columns, frame: null };
  const frame = incidentsFrame(placed);
  lap("frame");
  return { columns, frame };
}

/** The features the columns hold (for an action on some of them, or an old stored import). */
function featuresOf(columns: IncidentColumns): IncidentFeature[] {
  return buildPlaced(columns).map((p) => p.feature);
}

/** The columns after a report's one-click action (swap or drop) on the incidents `ids` names. */
export function flaggedColumns(bytes: ArrayBuffer, ids: readonly string[], action: FlagAction): IncidentColumns {
  const features = featuresOf(readColumns(bytes));
  return columnsOf(applyFlagAction({ type: "FeatureCollection", features }, ids, action).features);
}
