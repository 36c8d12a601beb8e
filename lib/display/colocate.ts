// Incidents that share one coordinate (many are coded to a town's centre) would hide one another. Each
// member of such a stack gets a pixel offset that fans the stack out around the true point, so every
// marker stays visible and clickable while its coordinate stays exact.

// @option FAN_SPACING: number = 22
// Pixels between neighbouring markers of a fanned-out stack; a little more than a marker's width.
export const FAN_SPACING = 22;

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
  // Archimedean spiral with equal spacing along the curve (the approach Leaflet.markercluster's spiderfier takes).
  let angle = 0;
  let radius = FAN_SPACING;
  for (let i = 0; i < index; i++) {
    angle += FAN_SPACING / radius + 0.0005 * i;
    radius += (FAN_SPACING * 1.1) / (2 * Math.PI) * (FAN_SPACING / radius);
  }
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
