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

/** Reads and indexes world-places.tsv.gz from `dir`. */
export function loadWorldPlaces(dir: string): WorldPlaces {
  const file = join(dir, "world-places.tsv.gz");
  let bytes: Buffer;
  try {
    bytes = gunzipSync(readFileSync(file));
  } catch (err) {
    throw new GazetteerError(file, `cannot be read (${(err as Error).message}); rebuild it with scripts/build-world-gazetteer.ts`);
  }
  // Lines are decoded one by one: names and keys split from a short line, not from one 30 MB string that
  // every kept name would otherwise hold in memory.
  let n = 0;
  for (let i = 0; i < bytes.length - 1; i++) if (bytes[i] === 10 && bytes[i + 1] === 80) n++;
  const p: WorldPlaces = {
    count: 0, geonameId: new Uint32Array(n), lat: new Float64Array(n), lng: new Float64Array(n), population: new Uint32Array(n),
    division: new Int32Array(n), district: new Int32Array(n), country: new Uint16Array(n), feature: new Uint8Array(n), name: new Array<string>(n),
    countryCodes: [], featureCodes: [], byKey: new Map(), divisions: [], divisionsByKey: new Map(), districts: [], districtsByKey: new Map(),
  };
  const divisionAt = new Map<string, number>();
  const districtAt = new Map<string, number>();
  const countryAt = new Map<string, number>();
  const featureAt = new Map<string, number>();
  const code = (map: Map<string, number>, list: string[], value: string) => {
    let i = map.get(value);
    if (i === undefined) map.set(value, (i = list.push(value) - 1));
    return i;
  };
  for (let start = 0, at = 1; start < bytes.length; at++) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    const line = bytes.toString("utf8", start, end);
    start = end + 1;
    if (line === "" || line.startsWith("#")) continue;
    const f = line.split("\t");
    const bad = () => new GazetteerError(file, `line ${at} is not a ${f[0]} record (${JSON.stringify(line.slice(0, 80))})`);
    if (f[0] === "A") {
      const d: DivisionRecord = { country: f[1], admin1: f[2], name: f[3], lat: Number(f[4]), lng: Number(f[5]), geonameId: Number(f[6]), seatName: f[7], seatRole: f[8] };
      if (f.length !== 9 || !Number.isFinite(d.lat) || !Number.isFinite(d.lng)) throw bad();
      const i = p.divisions.push(d) - 1;
      divisionAt.set(`${d.country}.${d.admin1}`, i);
      add(p.divisionsByKey, foldName(d.name), i);
      add(p.divisionsByKey, foldDivision(d.name), i);
    } else if (f[0] === "B") {
      if (f.length !== 5) throw bad();
      const i = p.districts.push({ code: `${f[1]}.${f[2]}.${f[3]}`, name: f[4] }) - 1;
      districtAt.set(p.districts[i].code, i);
      add(p.districtsByKey, foldName(f[4]), i);
      add(p.districtsByKey, foldDivision(f[4]), i);
    } else if (f[0] === "P") {
      const i = p.count++;
      const lat = Number(f[6]);
      const lng = Number(f[7]);
      if (f.length !== 11 || !Number.isFinite(lat) || !Number.isFinite(lng)) throw bad();
      p.geonameId[i] = Number(f[1]);
      p.name[i] = f[2];
      p.country[i] = code(countryAt, p.countryCodes, f[3]);
      p.division[i] = divisionAt.get(`${f[3]}.${f[4]}`) ?? -1;
      p.district[i] = f[5] ? (districtAt.get(`${f[3]}.${f[4]}.${f[5]}`) ?? -1) : -1;
      p.lat[i] = lat;
      p.lng[i] = lng;
      p.feature[i] = code(featureAt, p.featureCodes, f[8]);
      p.population[i] = Number(f[9]) || 0;
      const plain = plainKey(f[2]);
      if (plain !== undefined) addPlace(p.byKey, plain, i);
      // The build lists the name's own fold first when it is not plain lower case.
      if (f[10]) f[10].split("|").forEach((key, k) => addPlace(p.byKey, key, k === 0 && plain === undefined ? i : -i - 1));
    } else throw bad();
  }
  return p;
}
