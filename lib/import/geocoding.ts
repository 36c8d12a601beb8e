// Rows placed by name: unique places go to the geocoding callback in batches; a resolved place gives the
// row its geometry and (at least) the geocoder's geo_precision; an ambiguous or unresolved place leaves
// the row out and in the report. Never guessed: an ambiguous place's best candidate is not used.
import { showValue } from "../incident/validate";
import { ImportError } from "./errors";
import { checkGeometry } from "./geometry";
import type { ImportLimits } from "./limits";
import type { Candidate, GeocodeAnswer, GeocodeBatch, ImportReport, PendingPlace, RejectedRow } from "./types";
import type { WarningLog } from "./warnings";

export interface GeocodeOutcome {
  candidates: Candidate[];
  rejected: RejectedRow[];
  ambiguous: ImportReport["ambiguous"];
  unresolved: ImportReport["unresolved"];
}

async function askAll(places: string[], geocode: GeocodeBatch, batchSize: number): Promise<Map<string, GeocodeAnswer>> {
  const answers = new Map<string, GeocodeAnswer>();
  for (let i = 0; i < places.length; i += batchSize) {
    const batch = places.slice(i, i + batchSize);
    let got: Map<string, GeocodeAnswer>;
    try {
      got = await geocode(batch);
    } catch (err) {
      // A failing geocoder (offline, server error) refuses the import: half-placed files help nobody.
      throw new ImportError("geocode", batch[0], `the geocoder failed: ${err instanceof Error ? err.message : String(err)}; nothing was imported`);
    }
    if (!(got instanceof Map)) throw new ImportError("geocode", got, "the geocoder did not answer with a Map");
    for (const place of batch) {
      const answer = got.get(place);
      if (answer !== undefined) answers.set(place, answer);
    }
  }
  return answers;
}

const candidateNames = (answer: GeocodeAnswer) =>
  (Array.isArray(answer.candidates) ? answer.candidates : []).map((c) => String(c?.properties?.name ?? "")).filter((n) => n !== "");

export async function geocodeRows(
  pending: readonly PendingPlace[],
  geocode: GeocodeBatch,
  limits: ImportLimits,
  log: WarningLog,
): Promise<GeocodeOutcome> {
  const out: GeocodeOutcome = { candidates: [], rejected: [], ambiguous: [], unresolved: [] };
  if (pending.length === 0) return out;
  const tooLong = (p: string) => p.length > limits.maxPlaceLength;
  const places = [...new Set(pending.map((p) => p.place))].filter((p) => !tooLong(p));
  const answers = await askAll(places, geocode, limits.geocodeBatchSize);

  for (const p of pending) {
    const answer = answers.get(p.place);
    if (tooLong(p.place)) log.add(`place text longer than ${limits.maxPlaceLength} characters was not geocoded`, p.row);
    else if (answer === undefined) log.add("the geocoder gave no answer for this place", p.row);
    if (answer?.status === "ambiguous") {
      out.ambiguous.push({ row: p.row, place: p.place, candidates: candidateNames(answer) });
      continue;
    }
    if (answer?.status !== "resolved" || !answer.best) {
      out.unresolved.push({ row: p.row, place: p.place });
      continue;
    }
    const best = answer.best;
    const g = checkGeometry(best.geometry);
    const precision = best.properties?.geo_precision;
    if (!g.ok || (precision !== 1 && precision !== 2 && precision !== 3)) {
      const why = !g.ok ? `${g.issue.message} (value: ${g.issue.value})` : `geo_precision ${showValue(precision)} is not 1, 2 or 3`;
      out.rejected.push({ row: p.row, line: p.line, field: p.placeField, value: showValue(p.place), message: `the geocoder's answer is unusable: ${why}` });
      continue;
    }
    // A geocoded place is never more precise than the file says; the coarser of the two codes wins.
    const given = p.normalised.props.geo_precision as number;
    const props: Record<string, unknown> = { ...p.normalised.props, geo_precision: p.normalised.geoPrecisionGiven ? Math.max(given, precision) : precision };
    // Where the position came from, as the dataset records it (geo_source); the file's own value wins.
    if (!Object.hasOwn(props, "geo_source") && typeof best.properties.source === "string" && best.properties.source !== "") {
      props.geo_source = best.properties.source;
    }
    out.candidates.push({ row: p.row, line: p.line, normalised: { ...p.normalised, props }, geometry: g.geometry, idField: p.idField });
  }
  return out;
}
