// Incidents that share one coordinate (many are coded to a town's centre) would hide one another. Each
// member of such a stack gets a pixel offset that fans the stack out around the true point, so every
// marker stays visible and clickable while its coordinate stays exact.

// @option MARKER_SIZE: number = 24
// A marker's width and height in pixels: the hit area, a fingertip's 24 px (WCAG 2.2, 2.5.8).
export const MARKER_SIZE = 24;

// @option FAN_SPACING: number = 26
// Pixels along the fan between neighbouring markers: a marker's width plus the chord's and rounding's loss,
// so no two members' hit areas overlap.
export const FAN_SPACING = 26;

// @option FAN_RING: number = 10
// Most markers on the first ring around the point; larger stacks continue on a spiral outwards.
export const FAN_RING = 10;

/** Key that groups positions that are the same to 6 decimals (about 0.1 m). */
export function positionKey(lng: number, lat: number): string {
  return `${lng.toFixed(6)},${lat.toFixed(6)}`;
}

/** Pixel offset [dx, dy] of member `index` of a stack of `size`; [0, 0] when alone. */
export function fanOffset(index: number, size: number): [number, number] {
  if (size <= 1) return [0, 0];
  if (size <= FAN_RING) {
    const radius = Math.max(FAN_SPACING, (FAN_SPACING * size) / (2 * Math.PI));
    const angle = (2 * Math.PI * index) / size - Math.PI / 2;
    return [Math.round(radius * Math.cos(angle)), Math.round(radius * Math.sin(angle))];
  }
  // Archimedean spiral r = b·θ, turns FAN_SPACING·1.1 apart, members FAN_SPACING apart along the curve
  // (Leaflet.markercluster's spiderfier adds a growing angle term that crowds stacks of a few hundred).
  const b = (FAN_SPACING * 1.1) / (2 * Math.PI);
  let angle = FAN_SPACING / b;
  for (let i = 0; i < index; i++) angle += FAN_SPACING / (b * angle);
  const radius = b * angle;
  return [Math.round(radius * Math.cos(angle)), Math.round(radius * Math.sin(angle))];
}

/** For each item, its [index, size] within the stack of items at the same position. */
export function stackPositions<T>(items: readonly T[], position: (item: T) => readonly number[]): Array<[number, number]> {
  const keys = items.map((item) => {
    const [lng, lat] = position(item);
    return positionKey(lng, lat);
  });
  const sizes = new Map<string, number>();
  for (const k of keys) sizes.set(k, (sizes.get(k) ?? 0) + 1);
  const seen = new Map<string, number>();
  return keys.map((k) => {
    const i = seen.get(k) ?? 0;
    seen.set(k, i + 1);
    return [i, sizes.get(k)!];
  });
}
