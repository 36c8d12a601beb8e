// The box a map frames open datasets by: each dataset's own default view when it declares one, else the
// robust extent of its incidents; several datasets frame the union of theirs.
import type { Position } from "geojson";
import { unionBbox, type BBox } from "../geo/bbox";
import type { DatasetDescription } from "./description";
import { robustExtent } from "./extent";

export interface Frame {
  bbox: BBox;
  /** Far-off incidents left outside the frame. */
  outliers: number;
}

export function datasetFrame(description: Pick<DatasetDescription, "defaultView"> | null, anchors: readonly Position[]): Frame | null {
  if (description?.defaultView) return { bbox: description.defaultView, outliers: 0 };
  const extent = robustExtent(anchors);
  return extent && { bbox: extent.bbox, outliers: extent.outliers };
}

// A dataset's frame from its incidents, worked out once per incidents array (an array is not changed).
const byIncidents = new WeakMap<readonly { anchor: Position }[], Frame | null>();

/** The frame of `incidents` by their anchors (as datasetFrame with no view): remembered per array. */
export function incidentsFrame(incidents: readonly { anchor: Position }[]): Frame | null {
  if (!byIncidents.has(incidents)) byIncidents.set(incidents, datasetFrame(null, incidents.map((p) => p.anchor)));
  return byIncidents.get(incidents)!;
}

/**
 * Gives `incidentsFrame(incidents)` the frame worked out elsewhere from the same anchors: the import worker
 * works a 1M import's out beside its columns, which took the page's thread 134-250 ms in the render's effects.
 */
export function rememberIncidentsFrame(incidents: readonly { anchor: Position }[], frame: Frame | null): void {
  byIncidents.set(incidents, frame);
}

/** The union of the frames given; null for none. */
export function unionFrame(frames: Iterable<Frame | null>): Frame | null {
  const present = [...frames].filter((f): f is Frame => f !== null);
  const bbox = unionBbox(present.map((f) => f.bbox));
  return bbox && { bbox, outliers: present.reduce((n, f) => n + f.outliers, 0) };
}
