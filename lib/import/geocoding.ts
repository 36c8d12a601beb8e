// Rows placed by name: unique place queries (the text and the row's country/division columns) go to the
// geocoding callback in batches; a resolved place gives the row its geometry and (at least) the geocoder's
// geo_precision; an ambiguous or unresolved place leaves the row out and in the report. Never guessed: an
// ambiguous place's best candidate is not used.
import { showValue } from "../incident/validate";
import { splitPlaceText } from "../geocode/query";
import { ImportError } from "./errors";
import { checkGeometry } from "./geometry";
import type { ImportLimits } from "./limits";
import type { AcceptedRow, GeocodeAnswer, GeocodeBatch, ImportReport, PendingPlace, PlaceContext, PlaceQuery, RejectedRow } from "./types";
import type { WarningLog } from "./warnings";

export interface GeocodeOutcome {
  candidates: AcceptedRow[];
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

// @option FILE_COUNTRY: { share: 0.8, placed: 5 }, a file whose rows name no country is taken to be of the
// country where this share of its placed rows lie (at least `placed` of them), for the places it left unclear.
const FILE_COUNTRY = { share: 0.8, placed: 5 };

/**
 * Places the rows name without a country, that the first round left unresolved or ambiguous, asked again in
 * the country where most of the file's placed rows lie (a Colombian file of MUNICIPIO and DEPARTAMENTO names
 * has no country column): `asked` and `answers` updated in place, and the assumption logged.
 */
async function lookInFileCountry(asked: Map<string, PlaceQuery>, answers: Map<string, GeocodeAnswer>, geocode: GeocodeBatch, limits: ImportLimits, log: WarningLog): Promise<void> {
  const counts = new Map<string, number>();
  let placed = 0;
  for (const a of answers.values()) {
    const country = a.status === "resolved" ? a.best?.properties?.country : undefined;
    if (typeof country !== "string") continue;
    placed++;
    counts.set(country, (counts.get(country) ?? 0) + 1);
  }
  const [top, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
  if (placed < FILE_COUNTRY.placed || n < FILE_COUNTRY.share * placed) return;
  const again = new Map<string, PlaceQuery>();
  for (const [key, q] of asked) if (!q.country && answers.get(key)?.status !== "resolved") again.set(key, { ...q, country: top });
  if (again.size === 0) return;
  const got = await askAll([...again.values()], geocode, limits.geocodeBatchSize);
  for (const [key, q] of again) {
    asked.set(key, q);
    const answer = got.get(placeQueryKey(q));
    if (answer?.status === "resolved") answers.set(key, answer);
  }
  log.add(`${again.size} place${again.size > 1 ? "s" : ""} the geocoder could not tell apart or find, in rows that name no country, were looked up again in ${top}, where ${n} of the file's ${placed} placed places lie`);
}

/** A row's division standing in for its place; `ambiguous` lists the namesakes when the place was not unknown but unclear. */
type Fallback = { answer: GeocodeAnswer; level: keyof PlaceContext; name: string; ambiguous?: string[] };

// The finest first: a village the gazetteer lacks stands on its district, else its province, else its country.
const DIVISIONS: readonly (keyof PlaceContext)[] = ["admin2", "admin1", "country"];

/** The division query a row's context gives at `level`, with the coarser context kept to narrow it. */
function divisionQuery(context: PlaceContext, level: keyof PlaceContext): PlaceQuery | null {
  const text = context[level];
  if (!text) return null;
  const coarser = DIVISIONS.slice(DIVISIONS.indexOf(level) + 1);
  return placeQuery(text, Object.fromEntries(coarser.filter((k) => context[k]).map((k) => [k, context[k]])));
}

/**
 * For each place query the geocoder could not place (unresolved, or namesakes its row's divisions do not tell
 * apart), the finest division or country of its row that it does resolve, coarser than the place itself (one
 * batched round per level): the row is kept there, at geo_precision 3, and flagged.
 */
async function divisionFallbacks(pending: readonly PendingPlace[], asked: Map<string, PlaceQuery>, answers: Map<string, GeocodeAnswer>, geocode: GeocodeBatch, limits: ImportLimits): Promise<Map<string, Fallback>> {
  const waiting = new Map<string, { context: PlaceContext; from: number }>();
  for (const p of pending) {
    const key = placeQueryKey(placeQuery(p.place, p.context));
    const status = answers.get(key)?.status;
    const query = asked.get(key);
    if (!query || status === undefined || status === "resolved") continue;
    // The row's columns, else the divisions its place text names ("Dniprorudne, Zaporiz'ka Oblast', Ukraine").
    const { text: _place, ...context } = splitPlaceText(query) ?? query;
    void _place;
    // A row placed by a division's own name falls back on the coarser ones only.
    const from = p.admin === undefined ? 0 : DIVISIONS.indexOf(p.admin) + 1;
    if (DIVISIONS.slice(from).some((k) => context[k])) waiting.set(key, { context, from });
  }
  const found = new Map<string, Fallback>();
  for (const [n, level] of DIVISIONS.entries()) {
    const queryAt = ({ context, from }: { context: PlaceContext; from: number }) => (n >= from ? divisionQuery(context, level) : null);
    const asks = new Map<string, PlaceQuery>();
    for (const w of waiting.values()) {
      const q = queryAt(w);
      if (q) asks.set(placeQueryKey(q), q);
    }
    if (asks.size === 0) continue;
    const got = await askAll([...asks.values()], geocode, limits.geocodeBatchSize);
    for (const [key, w] of waiting) {
      const q = queryAt(w);
      const answer = q && got.get(placeQueryKey(q));
      if (q && answer?.status === "resolved" && answer.best) {
        found.set(key, { answer, level, name: q.text, ambiguous: answers.get(key)?.status === "ambiguous" ? candidateNames(answers.get(key)!) : undefined });
        waiting.delete(key);
      }
    }
  }
  return found;
}

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
  await lookInFileCountry(unique, answers, geocode, limits, log);
  const fallbacks = await divisionFallbacks(pending, unique, answers, geocode, limits);

  for (const p of pending) {
    const asked = placeQueryKey(placeQuery(p.place, p.context));
    const fallback = fallbacks.get(asked);
    const answer = fallback?.answer ?? answers.get(asked);
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
    // A geocoded place is never more precise than the file says, nor a division or a stand-in than a region.
    const given = p.normalised.props.geo_precision as number;
    const region = p.admin !== undefined || fallback !== undefined ? 3 : precision;
    const props: Record<string, unknown> = { ...p.normalised.props, geo_precision: p.normalised.geoPrecisionGiven ? Math.max(given, region) : region };
    const flags = fallback ? [...p.normalised.flags, { kind: "placed-on-division" as const, field: p.placeField, value: showValue(p.place), message: `${fallback.ambiguous ? `could be ${fallback.ambiguous.join(" or ")}` : "was not found"}: placed on the row's ${fallback.level} "${fallback.name}" (geo_precision 3)` }] : p.normalised.flags;
    // Where the position came from, as the dataset records it (geo_source); the file's own value wins.
    if (!Object.hasOwn(props, "geo_source") && typeof best.properties.source === "string" && best.properties.source !== "") {
      props.geo_source = best.properties.source;
    }
    out.candidates.push({ row: p.row, line: p.line, normalised: { ...p.normalised, props, flags }, geometry: g.geometry, idField: p.idField });
  }
  return out;
}
