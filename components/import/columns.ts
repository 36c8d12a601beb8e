// An import's incidents as the page's incident columns (lib/columns), made in the import worker: placed
// once here (anchors, labels, distances: the page runs no Turf for an import) and checked by the same
// reader as a saved dataset's, so the page builds its markers from them in one pass (buildPlaced).
import { buildPlaced } from "@/lib/columns/build";
import { ColumnsEncoder, incidentColumns } from "@/lib/columns/encode";
import type { IncidentColumns } from "@/lib/columns/format";
import { checkColumns, readColumns } from "@/lib/columns/read";
import { datasetFrame, incidentsFrame, type Frame } from "@/lib/dataset/frame";
import { incidentLabel, numberedRepeats } from "@/lib/incident/describe";
import { placeIncidents, placeUnlabelled } from "@/lib/incident/place";
import type { IncidentFeature } from "@/lib/incident/model";
import { applyFlagAction, type FlagAction } from "@/lib/import/flags";
import type { IncidentSink } from "@/lib/import/pipeline";

/**
 * columnsAndFrameOf's columns and frame made as the import reads the file (pipeline.ts IncidentSink): each
 * incident placed and written into the columns when it is settled, so that none is kept as an object and
 * no pass over them all is left for the end but the labels' numbering and the bytes. `laps`, when given,
 * gets finish's steps' milliseconds.
 */
export class ColumnsSink implements IncidentSink<{ columns: IncidentColumns; frame: Frame | null }> {
  private readonly encoder = new ColumnsEncoder(null, { lateKey: "event_id" });
  // incidentLabel's label of each; those that repeat are numbered at finish (describe.ts uniqueLabels), found
  // as they come: a label → the index it was first met at, -1 once it has met a repeat.
  private readonly labels: string[] = [];
  private readonly firstAt = new Map<string, number>();
  private readonly repeats: number[] = [];
  constructor(private readonly laps?: Record<string, number>) {}

  add(feature: IncidentFeature): number {
    const i = this.encoder.count;
    this.encoder.add(placeUnlabelled(feature));
    const label = incidentLabel(feature.properties);
    this.labels.push(label);
    const first = this.firstAt.get(label);
    if (first === undefined) this.firstAt.set(label, i);
    else {
      if (first >= 0) {
        this.repeats.push(first);
        this.firstAt.set(label, -1);
      }
      this.repeats.push(i);
    }
    return i;
  }

  /** The labels, the repeated ones numbered: numberedRepeats of them alone numbers each as it would among all. */
  private numberedLabels(): string[] {
    const at = Uint32Array.from(this.repeats).sort();
    const numbered = numberedRepeats(Array.from(at, (i) => this.labels[i]));
    at.forEach((i, k) => (this.labels[i] = numbered[k]));
    return this.labels;
  }

  setId(index: number, id: string): void {
    this.encoder.setLate(index, id);
  }

  /** The columns without their header's bytes (withHeaderBytes makes them, once the page has the columns). Not
   *  checked again as columnsOf's are: each incident passed the model's rules as it was settled (pipeline.ts
   *  featureIssue), which is what the check of the values would look at. */
  finish(): { columns: IncidentColumns; frame: Frame | null } {
    let t = performance.now();
    const lap = (name: string) => {
      if (this.laps) this.laps[name] = Math.round(performance.now() - t);
      t = performance.now();
    };
    const labels = this.numberedLabels();
    lap("labels");
    const columns = this.encoder.finishWithoutBytes(labels);
    lap("encode_finish");
    const frame = datasetFrame(null, this.encoder.anchorPositions());
    lap("frame");
    return { columns, frame };
  }
}

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
