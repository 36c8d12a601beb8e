// The distance bands the analysis panel shows, worked out with its code (Turf), which loads when the panel first opens.
import { bandCounts, type BandRow } from "@/lib/analysis/bands";
import type { IncidentFeature } from "@/lib/incident/model";
import type { ReferenceFeature } from "@/lib/incident/reference";

/** The incidents per distance band from the reference point, while the rings are shown; null otherwise. */
export function distanceBands(state: { layers: { rings: boolean } }, filtered: readonly IncidentFeature[], reference: ReferenceFeature | null): BandRow[] | null {
  return state.layers.rings && reference ? bandCounts(filtered, reference) : null;
}
