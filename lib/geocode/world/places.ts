// The world's places and divisions (world-places.tsv.gz), held compactly: numbers in typed arrays, one
// display name per place, and a map from each folded spelling to the places that have it.
import "server-only";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { GazetteerError } from "../errors";
import { foldDivision, foldName } from "./fold";
import { plainKey, type DivisionRecord } from "./format";

export interface WorldPlaces {
  count: number;
  geonameId: Uint32Array;
  lat: Float64Array;
  lng: Float64Array;
  population: Uint32Array;
  /** Index into `divisions`, -1 when GeoNames gives the place no listed first-level division. */
  division: Int32Array;
  /** Index into `districts`, -1 when none. */
  district: Int32Array;
  /** Index into `countryCodes`. */
  country: Uint16Array;
  /** Index into `featureCodes`. */
  feature: Uint8Array;
  name: string[];
  countryCodes: string[];
  featureCodes: string[];
  /** Folded name → place indices; an alternate spelling's are stored as -(index + 1). */
  byKey: Map<string, number | number[]>;
  divisions: DivisionRecord[];
  /** Folded division name, with and without its kind ("santander department", "santander") → division indices. */
  divisionsByKey: Map<string, number[]>;
  /** "CC.A1.A2" codes and names of second-level divisions (context only: they have no point of their own). */
  districts: { code: string; name: string }[];
  districtsByKey: Map<string, number[]>;
}

function add(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
}

function addPlace(map: Map<string, number | number[]>, key: string, i: number): void {
  const prev = map.get(key);
  if (prev === undefined) map.set(key, i);
  else if (typeof prev === "number") {
    if (prev !== i) map.set(key, [prev, i]);
  } else if (prev[prev.length - 1] !== i) prev.push(i);
}

/** The places a folded key names: by their own name, and by an alternate spelling only. */
export function placesByKey(places: WorldPlaces, key: string): { own: number[]; alternate: number[] } {
  const v = places.byKey.get(key);
  const all = v === undefined ? [] : typeof v === "number" ? [v] : v;
  const own = all.filter((i) => i >= 0);
  const mine = new Set(own);
  return { own, alternate: all.filter((i) => i < 0 && !mine.has(-i - 1)).map((i) => -i - 1) };
}

// A decimal as the build writes it, read from the bytes without making a string: (digits / 10^k) is one
// correctly rounded division, so it equals Number() of the same text. Anything else goes through Number().
function decimalAt(bytes: Buffer, a: number, b: number): number {
  let i = a;
  const negative = bytes[i] === 45;
  if (negative) i++;
  let digits = 0;
  let scale = 1;
  let point = false;
  if (i === b) return NaN;
  for (; i < b; i++) {
    const c = bytes[i];
    if (c === 46 && !point) point = true;
    else if (c >= 48 && c <= 57 && scale < 1e15) {
      digits = digits * 10 + (c - 48);
      if (point) scale *= 10;
    } else return Number(bytes.toString("latin1", a, b));
  }
  const v = digits / scale;
  return negative ? -v : v;
}

/** Reads and indexes world-places.tsv.gz from `dir`. */
export function loadWorldPlaces(dir: string): WorldPlaces {
  const file = join(dir, "world-places.tsv.gz");
  let bytes: Buffer;
  try {
    bytes = gunzipSync(readFileSync(file));
  } catch (err) {
    throw new GazetteerError(file, `cannot be read (${(err as Error).message}); rebuild it with scripts/build-world-gazetteer.ts`);
  }
  let n = 0;
  for (let i = 0; i < bytes.length - 1; i++) if (bytes[i] === 10 && bytes[i + 1] === 80) n++;
  const p: WorldPlaces = {
    count: 0, geonameId: new Uint32Array(n), lat: new Float64Array(n), lng: new Float64Array(n), population: new Uint32Array(n),
    division: new Int32Array(n), district: new Int32Array(n), country: new Uint16Array(n), feature: new Uint8Array(n), name: new Array<string>(n),
    countryCodes: [], featureCodes: [], byKey: new Map(), divisions: [], divisionsByKey: new Map(), districts: [], districtsByKey: new Map(),
  };
  // Division and district indices by country, then code; country and feature codes by their bytes.
  const divisionAt = new Map<string, Map<string, number>>();
  const districtAt = new Map<string, Map<string, number>>();
  const countryAt = new Map<number, number>();
  const featureAt = new Map<number, number>();
  const inCountry = (map: Map<string, Map<string, number>>, cc: string) => {
    let m = map.get(cc);
    if (!m) map.set(cc, (m = new Map()));
    return m;
  };
  const codeAt = (map: Map<number, number>, list: string[], a: number, b: number) => {
    let key = 0;
    for (let i = a; i < b; i++) key = key * 128 + bytes[i];
    let i = map.get(key);
    if (i === undefined) map.set(key, (i = list.push(bytes.toString("latin1", a, b)) - 1));
    return i;
  };
  // Tab positions of the current line: field k spans (tab[k] + 1, tab[k + 1]).
  const tab = new Int32Array(16);
  for (let start = 0, at = 1; start < bytes.length; at++) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    const lineStart = start;
    start = end + 1;
    const tag = bytes[lineStart];
    if (end === lineStart || tag === 35) continue;
    let fields = 0;
    tab[0] = lineStart - 1;
    for (let i = bytes.indexOf(9, lineStart); i >= 0 && i < end && fields < 14; i = bytes.indexOf(9, i + 1)) tab[++fields] = i;
    tab[++fields] = end;
    const text = (k: number, encoding: "utf8" | "latin1" = "utf8") => bytes.toString(encoding, tab[k] + 1, tab[k + 1]);
    const bad = () => new GazetteerError(file, `line ${at} is not a place, division or district record (${JSON.stringify(bytes.toString("utf8", lineStart, Math.min(end, lineStart + 80)))})`);
    if (tag === 80 && fields === 11) {
      // P geonameId name country admin1 admin2 lat lng featureCode population keys
      const i = p.count++;
      const lat = decimalAt(bytes, tab[6] + 1, tab[7]);
      const lng = decimalAt(bytes, tab[7] + 1, tab[8]);
      if (!Number.isFinite(lat) || !Number.isFinite(lng)) throw bad();
      p.geonameId[i] = decimalAt(bytes, tab[1] + 1, tab[2]);
      const name = text(2);
      p.name[i] = name;
      const c = codeAt(countryAt, p.countryCodes, tab[3] + 1, tab[4]);
      p.country[i] = c;
      const cc = p.countryCodes[c];
      const admin1 = text(4, "latin1");
      p.division[i] = divisionAt.get(cc)?.get(admin1) ?? -1;
      p.district[i] = tab[6] > tab[5] + 1 ? (districtAt.get(cc)?.get(`${admin1}.${text(5, "latin1")}`) ?? -1) : -1;
      p.lat[i] = lat;
      p.lng[i] = lng;
      p.feature[i] = codeAt(featureAt, p.featureCodes, tab[8] + 1, tab[9]);
      p.population[i] = decimalAt(bytes, tab[9] + 1, tab[10]) || 0;
      const plain = plainKey(name);
      if (plain !== undefined) addPlace(p.byKey, plain, i);
      // The build lists the name's own fold first when it is not plain lower case.
      if (tab[11] > tab[10] + 1) text(10).split("|").forEach((key, k) => addPlace(p.byKey, key, k === 0 && plain === undefined ? i : -i - 1));
    } else if (tag === 65 && fields === 9) {
      const f = Array.from({ length: 9 }, (_, k) => text(k));
      const d: DivisionRecord = { country: f[1], admin1: f[2], name: f[3], lat: Number(f[4]), lng: Number(f[5]), geonameId: Number(f[6]), seatName: f[7], seatRole: f[8] };
      if (!Number.isFinite(d.lat) || !Number.isFinite(d.lng)) throw bad();
      const i = p.divisions.push(d) - 1;
      inCountry(divisionAt, d.country).set(d.admin1, i);
      add(p.divisionsByKey, foldName(d.name), i);
      add(p.divisionsByKey, foldDivision(d.name), i);
    } else if (tag === 66 && fields === 5) {
      const f = Array.from({ length: 5 }, (_, k) => text(k));
      const i = p.districts.push({ code: `${f[1]}.${f[2]}.${f[3]}`, name: f[4] }) - 1;
      inCountry(districtAt, f[1]).set(`${f[2]}.${f[3]}`, i);
      add(p.districtsByKey, foldName(f[4]), i);
      add(p.districtsByKey, foldDivision(f[4]), i);
    } else throw bad();
  }
  return p;
}
