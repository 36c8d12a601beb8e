// Rows placed by name: unique place queries (the text and the row's country/division columns) go to the
// geocoding callback in batches; a resolved place gives the row its geometry and (at least) the geocoder's
// geo_precision; an ambiguous or unresolved place leaves the row out and in the report. Never guessed: an
// ambiguous place's best candidate is not used.
import { showValue } from "../incident/validate";
import { ImportError } from "./errors";
import { checkGeometry } from "./geometry";
import type { ImportLimits } from "./limits";
import type { Candidate, GeocodeAnswer, GeocodeBatch, ImportReport, PendingPlace, PlaceContext, PlaceQuery, RejectedRow } from "./types";
import type { WarningLog } from "./warnings";

export interface GeocodeOutcome {
  candidates: Candidate[];
  rejected: RejectedRow[];
  ambiguous: ImportReport["ambiguous"];
  unresolved: ImportReport["unresolved"];
}

const CONTEXT_FIELDS = ["country", "admin1", "admin2"] as const;
const tidy = (v: string | undefined) => (v ?? "").replace(/\s+/g, " ").trim();

/** The query a row asks: its place text and its non-blank context, whitespace tidied. */
export function placeQuery(place: string, context: PlaceContext | undefined): PlaceQuery {
  const q: PlaceQuery = { text: tidy(place) };
  for (const k of CONTEXT_FIELDS) {
    const v = tidy(context?.[k]);
    if (v) q[k] = v;
  }
  return q;
}

/** The key a GeocodeBatch answers a query under: rows whose text and context read the same share it. */
export function placeQueryKey(query: PlaceQuery): string {
  // JSON of the list: no text of one field can pass for a separator, so two queries never share a key.
  return JSON.stringify([query.text, ...CONTEXT_FIELDS.map((k) => query[k] ?? "")].map(tidy));
}

async function askAll(queries: PlaceQuery[], geocode: GeocodeBatch, batchSize: number): Promise<Map<string, GeocodeAnswer>> {
  const answers = new Map<string, GeocodeAnswer>();
  for (let i = 0; i < queries.length; i += batchSize) {
    const batch = queries.slice(i, i + batchSize);
    let got: Map<string, GeocodeAnswer>;
    try {
      got = await geocode(batch);
    } catch (err) {
      // A failing geocoder (offline, server error) refuses the import: half-placed files help nobody.
      throw new ImportError("geocode", batch[0].text, `the geocoder failed: ${err instanceof Error ? err.message : String(err)}; nothing was imported`);
    }
    if (!(got instanceof Map)) throw new ImportError("geocode", got, "the geocoder did not answer with a Map");
    for (const q of batch) {
      const key = placeQueryKey(q);
      const answer = got.get(key);
      if (answer !== undefined) answers.set(key, answer);
    }
  }
  return answers;
}

/** Each candidate's name with where it lies, when the geocoder says: namesakes differ only there. */
const candidateNames = (answer: GeocodeAnswer) =>
  (Array.isArray(answer.candidates) ? answer.candidates : [])
    .map((c) => {
      const name = String(c?.properties?.name ?? "");
      const where = [c?.properties?.admin1, c?.properties?.country].filter((v) => typeof v === "string" && v !== "" && v !== name);
      return name && where.length ? `${name} (${where.join(", ")})` : name;
    })
    .filter((n) => n !== "");

export async function geocodeRows(
  pending: readonly PendingPlace[],
  geocode: GeocodeBatch,
  limits: ImportLimits,
  log: WarningLog,
): Promise<GeocodeOutcome> {
  const out: GeocodeOutcome = { candidates: [], rejected: [], ambiguous: [], unresolved: [] };
  if (pending.length === 0) return out;
  const tooLong = (p: string) => p.length > limits.maxPlaceLength;
  // One query per distinct text and context: a file of 10,000 rows in 300 villages asks 300 times.
  const unique = new Map<string, PlaceQuery>();
  for (const p of pending) {
    if (tooLong(p.place)) continue;
    const q = placeQuery(p.place, p.context);
    unique.set(placeQueryKey(q), q);
  }
  const answers = await askAll([...unique.values()], geocode, limits.geocodeBatchSize);

  for (const p of pending) {
    const answer = answers.get(placeQueryKey(placeQuery(p.place, p.context)));
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
