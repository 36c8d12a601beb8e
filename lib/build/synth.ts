// Synthetic ACLED-like incidents across Syria, for benchmarks and load tests: deterministic for a seed.
// Pure (no I/O): the caller hands in the towns; `parseGeonamesTowns` turns GeoNames' cities500.txt
// (lib/build/geonames.ts reads it) into them. `npm run synth` is the CLI.
//
// What makes it realistic for clustering and rendering:
// - events fall on towns weighted by population and by how much fighting each governorate saw;
// - most events sit exactly on the town's centroid (geo_precision 1: ACLED codes to the place itself),
//   so many events share a point; some are jittered a few km (geo_precision 2: "near" the place); a
//   few are coded to their governorate's largest town (geo_precision 3: only the region is known);
// - dates 2011–2024 weighted towards the war's peak years, ACLED's six event types with Syria-like
//   weights, consistent sub-event types and actors, fatalities mostly 0 with a long tail.
// Only integer and basic float arithmetic is used (no Math.sin/log), so a seed gives the same data on
// every engine.
import type { Feature, FeatureCollection, Point } from "geojson";
import { roundDecimals } from "../geo/round";
import { bboxHolds } from "../geo/bbox";
import { dayFromNumber } from "../incident/days";
import type { AcledEventType, GeoPrecision, IncidentProperties, TimePrecision } from "../incident/model";
import { parseGeonames } from "./geonames";

export interface Town {
  name: string;
  /** GeoJSON order: longitude, latitude. */
  lng: number;
  lat: number;
  /** 0 where GeoNames gives none. */
  population: number;
  /** Governorate, spelled as ACLED spells it. */
  admin1: string;
}

export interface SynthOptions {
  /** Number of incidents, a whole number ≥ 0. */
  count: number;
  /** Any integer; the same seed gives the same incidents. */
  seed: number;
  /** Where incidents happen; see `parseGeonamesTowns`. */
  towns: readonly Town[];
}

export type SynthFeature = Feature<Point, IncidentProperties>;
export type SynthCollection = FeatureCollection<Point, IncidentProperties>;

/** Syria's extent, [west, south, east, north], with a margin of a few km; every incident is inside. */
export const SYRIA_BBOX: readonly [number, number, number, number] = [35.6, 32.3, 42.4, 37.4];

// GeoNames' admin1 codes for Syria -> ACLED's governorate names.
const SYRIA_ADMIN1: Record<string, string> = {
  "01": "Al-Hasakeh",
  "02": "Lattakia",
  "03": "Quneitra",
  "04": "Ar-Raqqa",
  "05": "As-Sweida",
  "06": "Daraa",
  "07": "Deir-ez-Zor",
  "08": "Rural Damascus",
  "09": "Aleppo",
  "10": "Hama",
  "11": "Homs",
  "12": "Idleb",
  "13": "Damascus",
  "14": "Tartous",
};

/**
 * Towns of one country from GeoNames' `cities500.txt` (lib/build/geonames.ts reads the file), with
 * ACLED's governorate names for Syria and GeoNames' ` for ʿayn written as an apostrophe ("Dar'a").
 *
 * @param tsv the file's text
 * @param country ISO 3166 alpha-2 code; default "SY"
 */
export function parseGeonamesTowns(tsv: string, country = "SY"): Town[] {
  return parseGeonames(tsv, country).map((g) => ({
    name: (g.asciiName || g.name).replace(/`/g, "'"),
    lng: g.longitude,
    lat: g.latitude,
    population: g.population,
    admin1: country === "SY" ? SYRIA_ADMIN1[g.admin1Code] ?? g.admin1Code : g.admin1Code,
  }));
}

// --- Deterministic randomness ------------------------------------------------------------------

/** mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A weighted choice among `items`, O(log n) per draw. */
function chooser<T>(items: readonly (readonly [T, number])[]): (r: number) => T {
  const cumulative = new Float64Array(items.length);
  let total = 0;
  items.forEach(([, w], i) => (cumulative[i] = total += w));
  return (r) => {
    const target = r * total;
    let lo = 0, hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return items[lo][0];
  };
}

// --- ACLED-like vocabulary, with Syria-like weights ---------------------------------------------

// Incidents per year relative to each other: the 2012–2016 peak, then a long tail.
const YEARS: [number, number][] = [
  [2011, 3], [2012, 9], [2013, 12], [2014, 12], [2015, 12], [2016, 12], [2017, 10],
  [2018, 9], [2019, 7], [2020, 6], [2021, 4], [2022, 3], [2023, 3], [2024, 3],
];

const EVENT_TYPE_WEIGHTS: [AcledEventType, number][] = [
  ["Explosions/Remote violence", 46],
  ["Battles", 24],
  ["Strategic developments", 12],
  ["Violence against civilians", 10],
  ["Protests", 7],
  ["Riots", 1],
];

const SUB_EVENT_TYPES: Record<AcledEventType, [string, number][]> = {
  Battles: [["Armed clash", 92], ["Government regains territory", 4], ["Non-state actor overtakes territory", 4]],
  "Explosions/Remote violence": [
    ["Shelling/artillery/missile attack", 58], ["Air/drone strike", 32], ["Remote explosive/landmine/IED", 8],
    ["Suicide bomb", 1], ["Grenade", 1], ["Chemical weapon", 0.1],
  ],
  "Violence against civilians": [["Attack", 72], ["Abduction/forced disappearance", 25], ["Sexual violence", 3]],
  Protests: [["Peaceful protest", 90], ["Protest with intervention", 9], ["Excessive force against protesters", 1]],
  Riots: [["Violent demonstration", 70], ["Mob violence", 30]],
  "Strategic developments": [
    ["Looting/property destruction", 20], ["Arrests", 22], ["Change to group/activity", 25], ["Agreement", 8],
    ["Disrupted weapons use", 12], ["Headquarters or base established", 6], ["Non-violent transfer of territory", 5],
    ["Other", 2],
  ],
};

const ARMED_ACTORS: [string, number][] = [
  ["Military Forces of Syria (2000-2024)", 40],
  ["Opposition Rebels (Syria)", 14],
  ["Hayat Tahrir al-Sham", 10],
  ["Islamic State (Syria)", 9],
  ["QSD: Syrian Democratic Forces", 7],
  ["Syrian National Army", 5],
  ["Military Forces of Russia (2000-)", 5],
  ["Military Forces of Turkey (2016-)", 3],
  ["Unidentified Armed Group (Syria)", 7],
];
const AIR_ACTORS: [string, number][] = [
  ["Military Forces of Syria (2000-2024)", 50],
  ["Military Forces of Russia (2000-)", 30],
  ["Military Forces of Turkey (2016-)", 8],
  ["Military Forces of Israel (2022-)", 4],
  ["Operation Inherent Resolve", 8],
];
const CIVILIANS = "Civilians (Syria)";

// How much fighting a governorate saw, beyond its population (ACLED's Syria map, roughly).
const CONFLICT_INTENSITY: Record<string, number> = {
  Idleb: 4, Aleppo: 1.5, Daraa: 3, "Deir-ez-Zor": 3, Hama: 2, "Rural Damascus": 1.5, "Ar-Raqqa": 2,
  "Al-Hasakeh": 1.5, Homs: 1.2, Quneitra: 2, Lattakia: 0.8, "As-Sweida": 0.8, Damascus: 0.4, Tartous: 0.3,
};

// Fatalities when some are reported: a discrete long tail (mostly 1–3, rarely dozens or hundreds).
const FATALITY_TAIL: [number, number][] = [
  [1, 40], [2, 18], [3, 10], [4, 7], [5, 5], [6, 4], [7, 3], [8, 2.5], [10, 3], [12, 2], [15, 2],
  [20, 1.5], [25, 1], [30, 0.8], [40, 0.5], [50, 0.3], [75, 0.2], [100, 0.1], [150, 0.05], [300, 0.02],
];
// The share of events of each type that report no fatality.
const P_NO_FATALITY: Record<AcledEventType, number> = {
  Battles: 0.55, "Explosions/Remote violence": 0.7, "Violence against civilians": 0.35,
  Protests: 0.995, Riots: 0.95, "Strategic developments": 0.99,
};

const DAY_MS = 86_400_000;
const KM_PER_DEGREE_LAT = 111.32;

/**
 * `count` ACLED-like incidents on Syrian towns, in date order, ids `SYN-000001`… Deterministic for
 * `seed`. About 100k per second or more.
 *
 * @throws RangeError on a count that is not a whole number ≥ 0, a non-integer seed or no towns
 */
export function synthesizeIncidents({ count, seed, towns }: SynthOptions): SynthCollection {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const inBox = towns.filter((t) => bboxHolds(SYRIA_BBOX, t.lng, t.lat));
  if (inBox.length === 0) throw new RangeError("towns must hold at least one town inside Syria's bbox");

  const random = mulberry32(seed);
  // Events grow slower than population (fighting is in the countryside as much as in the cities):
  // weight population^0.8, so Aleppo gets ~10% of events rather than ~18%; small villages (GeoNames
  // often gives 0) get a floor of 2,000 inhabitants.
  const pickTown = chooser(
    inBox.map((t) => [t, Math.max(t.population, 2000) ** 0.8 * (CONFLICT_INTENSITY[t.admin1] ?? 1)] as const),
  );
  // geo_precision 3 events go to the governorate's largest town.
  const regionalCentre = new Map<string, Town>();
  for (const t of inBox) {
    const best = regionalCentre.get(t.admin1);
    if (!best || t.population > best.population) regionalCentre.set(t.admin1, t);
  }
  const pickYear = chooser(YEARS);
  const pickType = chooser(EVENT_TYPE_WEIGHTS);
  const pickSub = Object.fromEntries(
    Object.entries(SUB_EVENT_TYPES).map(([type, subs]) => [type, chooser(subs)]),
  ) as Record<AcledEventType, (r: number) => string>;
  const pickArmed = chooser(ARMED_ACTORS);
  const pickAir = chooser(AIR_ACTORS);
  const pickTail = chooser(FATALITY_TAIL);

  // Dates first, sorted, so the collection reads in date order like an ACLED export.
  const days = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const year = pickYear(random());
    const start = Date.UTC(year, 0, 1) / DAY_MS;
    const length = Date.UTC(year + 1, 0, 1) / DAY_MS - start;
    days[i] = start + Math.floor(random() * length);
  }
  days.sort();

  const features: SynthFeature[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const eventType = pickType(random());
    const subEventType = pickSub[eventType](random());

    // Actors consistent with the type.
    let actor1: string;
    let actor2: string | undefined;
    if (eventType === "Protests") {
      actor1 = "Protesters (Syria)";
      if (subEventType !== "Peaceful protest") actor2 = "Police Forces of Syria (2000-2024)";
    } else if (eventType === "Riots") {
      actor1 = "Rioters (Syria)";
      if (random() < 0.5) actor2 = CIVILIANS;
    } else if (eventType === "Explosions/Remote violence") {
      actor1 = subEventType === "Air/drone strike" ? pickAir(random()) : pickArmed(random());
      const r = random();
      if (r < 0.35) actor2 = CIVILIANS;
      else if (r < 0.8) {
        const other = pickArmed(random());
        if (other !== actor1) actor2 = other;
      }
    } else if (eventType === "Violence against civilians") {
      actor1 = pickArmed(random());
      actor2 = CIVILIANS;
    } else if (eventType === "Battles") {
      actor1 = pickArmed(random());
      let other = pickArmed(random());
      for (let tries = 0; other === actor1 && tries < 8; tries++) other = pickArmed(random());
      actor2 = other === actor1 ? "Unidentified Armed Group (Syria)" : other;
    } else {
      actor1 = pickArmed(random());
      if (random() < 0.3) actor2 = CIVILIANS;
    }

    const fatalities = random() < P_NO_FATALITY[eventType] ? 0 : pickTail(random());

    // Where: the town itself, near it, or only its governorate.
    let town = pickTown(random());
    const g = random();
    const geoPrecision: GeoPrecision = g < 0.68 ? 1 : g < 0.95 ? 2 : 3;
    let lng = town.lng;
    let lat = town.lat;
    if (geoPrecision === 3) {
      town = regionalCentre.get(town.admin1) ?? town;
      lng = town.lng;
      lat = town.lat;
    } else if (geoPrecision === 2) {
      // Uniform in a disc of 0.5–5 km around the centroid, by rejection (no trigonometry), kept inside
      // the bbox. cos(latitude) for the longitude scale by a short polynomial, exact enough for jitter.
      const phi = (town.lat * Math.PI) / 180;
      const cos = 1 - (phi * phi) / 2 + (phi * phi * phi * phi) / 24 - (phi * phi * phi * phi * phi * phi) / 720;
      for (let tries = 0; tries < 16; tries++) {
        const dx = 2 * random() - 1;
        const dy = 2 * random() - 1;
        const d2 = dx * dx + dy * dy;
        if (d2 > 1 || d2 < 0.01) continue;
        const x = roundDecimals(town.lng + (dx * 5) / (KM_PER_DEGREE_LAT * cos), 5);
        const y = roundDecimals(town.lat + (dy * 5) / KM_PER_DEGREE_LAT, 5);
        if (!bboxHolds(SYRIA_BBOX, x, y)) continue;
        lng = x;
        lat = y;
        break;
      }
    }

    const t = random();
    const timePrecision: TimePrecision = t < 0.86 ? 1 : t < 0.96 ? 2 : 3;
    const eventDate = dayFromNumber(days[i]);
    const where = geoPrecision === 1 ? `in ${town.name}` : geoPrecision === 2 ? `near ${town.name}` : `in ${town.admin1}`;
    const properties: IncidentProperties = {
      event_id: `SYN-${String(i + 1).padStart(6, "0")}`,
      event_date: eventDate,
      time_precision: timePrecision,
      event_type: eventType,
      sub_event_type: subEventType,
      actor1,
      ...(actor2 === undefined ? {} : { actor2 }),
      ...(actor2 === CIVILIANS && eventType !== "Riots" ? { civilian_targeting: true } : {}),
      fatalities,
      location: town.name,
      admin1: town.admin1,
      geo_precision: geoPrecision,
      notes: `On ${eventDate}, ${actor1}${actor2 ? ` and ${actor2}` : ""}: ${subEventType.toLowerCase()} ${where} (${town.admin1}). ${fatalities} reported fatalities. [synthetic]`,
      source: "synthetic",
      source_quote: "",
    };
    features[i] = { type: "Feature", geometry: { type: "Point", coordinates: [lng, lat] }, properties };
  }
  return { type: "FeatureCollection", features };
}
