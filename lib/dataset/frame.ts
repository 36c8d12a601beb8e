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

/** The union of the frames given; null for none. */
export function unionFrame(frames: Iterable<Frame | null>): Frame | null {
  const present = [...frames].filter((f): f is Frame => f !== null);
  const bbox = unionBbox(present.map((f) => f.bbox));
  return bbox && { bbox, outliers: present.reduce((n, f) => n + f.outliers, 0) };
}
