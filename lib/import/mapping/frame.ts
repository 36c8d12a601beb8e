// Where a file's own rows lie, from its sample: the frame a single row's position is judged against when
// it looks swapped. No region is assumed: a file of Ukrainian incidents gets a frame around Ukraine.
import type { BBox } from "../../geo/bbox";

// @option FRAME_MIN_POINTS: number = 5, sample positions needed before a file has a frame at all.
const FRAME_MIN_POINTS = 5;
// @option FRAME_PAD: { share: 0.5, degrees: 1 }, the frame is the 10th–90th percentile box of the sample's
// positions widened on each side by half its span, and by at least a degree.
const FRAME_PAD = { share: 0.5, degrees: 1 };

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))];

/** The frame of `positions` ([lng, lat]), or null when there are too few to say. */
export function fileFrame(positions: readonly (readonly [number, number])[]): BBox | null {
  if (positions.length < FRAME_MIN_POINTS) return null;
  const lngs = positions.map((p) => p[0]).sort((a, b) => a - b);
  const lats = positions.map((p) => p[1]).sort((a, b) => a - b);
  const [w, e] = [percentile(lngs, 0.1), percentile(lngs, 0.9)];
  const [s, n] = [percentile(lats, 0.1), percentile(lats, 0.9)];
  const padLng = Math.max(FRAME_PAD.degrees, (e - w) * FRAME_PAD.share);
  const padLat = Math.max(FRAME_PAD.degrees, (n - s) * FRAME_PAD.share);
  return [w - padLng, s - padLat, e + padLng, n + padLat];
}

const inside = ([w, s, e, n]: BBox, lng: number, lat: number) => lng >= w && lng <= e && lat >= s && lat <= n;

/** Why [lng, lat] looks swapped against the file's frame (outside it, while [lat, lng] lies inside), or null. */
export function swappedInFrame(frame: BBox | null, lng: number, lat: number): string | null {
  if (!frame || inside(frame, lng, lat) || !inside(frame, lat, lng)) return null;
  const box = frame.map((v) => Math.round(v * 100) / 100).join(", ");
  return `[${lng}, ${lat}] lies far from the file's other rows (around [${box}]) while [${lat}, ${lng}] lies among them: latitude and longitude appear swapped`;
}
