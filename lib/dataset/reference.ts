// The reference point in force: the one the user set (a click, "Measure from here", a place found by
// name), else the own reference point of the open datasets, else none: no distances, rings or bands.
import type { ReferenceFeature, ReferencePoint } from "../incident/reference";
import { referenceFeature } from "../incident/reference";
import type { DatasetReference } from "./description";

/**
 * @param chosen the user's point, or null
 * @param chosenName its name when a place search set it; null names it by its coordinates
 * @param own the open, visible datasets' own reference points, in their order (the first one counts)
 */
export function referenceInForce(chosen: ReferencePoint, chosenName: string | null, own: readonly (DatasetReference | null)[]): ReferenceFeature | null {
  if (chosen) {
    const f = referenceFeature(chosen);
    return chosenName ? { ...f, properties: { name: chosenName } } : f;
  }
  const first = own.find((r) => r !== null);
  if (!first) return null;
  return { type: "Feature", geometry: { type: "Point", coordinates: [...first.coordinates] }, properties: { name: first.name } };
}
