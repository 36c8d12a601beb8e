// The committed dataset: equal to a fresh build, valid, traceable to the article, and where its places are.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { area, bbox, bearing, booleanPointInPolygon, centroid, distance, pointToLineDistance, polygonToLine } from "@turf/turf";
import type { Feature, Geometry, LineString, MultiPolygon, Polygon, Position } from "geojson";
import { beforeAll, describe, expect, it } from "vitest";
import { buildGeodata, quoteOccurs, siegeOutline, type BuildOutputs } from "@/lib/build/dataset";
import { geocode } from "@/lib/geocode";
import { markerAnchor } from "@/lib/incident/anchor";
import { distanceFrom } from "@/lib/incident/distance";
import { assertIncidentCollection, featureCollectionIssues } from "@/lib/incident/validate";
import { isDay } from "@/lib/incident/days";
import type { IncidentCollection } from "@/lib/incident/model";
import type { CheckpointCollection, SiegeCollection } from "@/lib/incident/context-layers";
import { articlePath, daraaOutline } from "@/scripts/build-geodata";

const ROOT = resolve(__dirname, "../..");
const read = (path: string) => readFileSync(path, "utf8");
const geodata = (file: string) => read(join(ROOT, "geodata", file));
const ARTICLE = read(articlePath(ROOT));

let built: BuildOutputs;
const incidents = JSON.parse(geodata("incidents.geojson")) as IncidentCollection & { name?: string };
const checkpoints = JSON.parse(geodata("checkpoints.geojson")) as CheckpointCollection;
const siege = JSON.parse(geodata("siege.geojson")) as SiegeCollection;

beforeAll(async () => {
  built = await buildGeodata({ table: geodata("incidents.csv"), article: ARTICLE, geocode: (t) => geocode(t), daraa: daraaOutline(ROOT) });
});

describe("the committed files equal a fresh build (run `npm run geodata` after editing the table)", () => {
  it.each(["incidents.geojson", "summary.json", "checkpoints.geojson", "siege.geojson"] as const)("%s", (file) => {
    expect(geodata(file)).toBe(built.files[file]);
  });

  it("is deterministic: a second build gives the same bytes", async () => {
    const again = await buildGeodata({ table: geodata("incidents.csv"), article: ARTICLE, geocode: (t) => geocode(t), daraa: daraaOutline(ROOT) });
    expect(again.files).toEqual(built.files);
  });
});

describe("incidents", () => {
  const props = incidents.features.map((f) => f.properties);

  it("validate (geojson-validation, ranges, property types, unique ids) and carry a name", () => {
    expect(() => assertIncidentCollection(incidents)).not.toThrow();
    expect(incidents.name).toMatch(/Daraa/);
    expect(new Set(props.map((p) => p.event_id)).size).toBe(props.length);
  });

  it("quote the article verbatim, each", () => {
    for (const p of props) expect(quoteOccurs(ARTICLE, p.source_quote), `${p.event_id}: ${p.source_quote}`).toBe(true);
  });

  it("state date precision honestly: undated ⇒ 3 and said in notes; ranges ⇒ not 1", () => {
    for (const p of props) {
      if (p.event_date === null) {
        expect(p.time_precision, p.event_id).toBe(3);
        expect(p.notes, p.event_id).toMatch(/undated|no date|gives no date/i);
      }
      if (p.event_date_end !== undefined) expect(p.time_precision, p.event_id).toBeGreaterThan(1);
    }
  });

  it("round coordinates to 6 decimals and carry distance_km as Turf measures it", () => {
    for (const f of incidents.features) {
      const coords = JSON.stringify(f.geometry.coordinates).match(/-?\d+\.\d+/g) ?? [];
      for (const c of coords) expect(c.split(".")[1].length, f.properties.event_id).toBeLessThanOrEqual(6);
      expect(f.properties.distance_km, f.properties.event_id).toBe(distanceFrom(f.geometry).km);
    }
  });

  it("code 'fire at … Daraa al-Balad, Jasim, Muzayrib, and near Tafas' as four events, near Tafas at precision 2", () => {
    const fire = props.filter((p) => p.source_quote.startsWith("There were sporadic instances") && p.event_type === "Explosions/Remote violence");
    expect(fire.map((p) => p.location)).toEqual(["Daraa al-Balad", "Jasim", "Muzayrib", "near Tafas"]);
    expect(fire.find((p) => p.location === "near Tafas")?.geo_precision).toBe(2);
  });

  it("date the Tafas bombardment by the IED it preceded: a range ending 26 August, not undated", () => {
    const tafas = props.find((p) => p.event_id === "DAR-2021-028");
    expect([tafas?.event_date_end, tafas?.time_precision]).toEqual(["2021-08-26", 2]);
  });

  it("code no event for talks the article says were only scheduled", () => {
    expect(props.filter((p) => p.source_quote.includes("hours before talks were set to take place")).map((p) => p.event_type)).toEqual(["Explosions/Remote violence"]);
  });

  it("keep 'civilian casualties' without a number at 0 fatalities, saying so", () => {
    const p = props.find((q) => q.source_quote.includes("that left civilian casualties"));
    expect(p?.fatalities).toBe(0);
    expect(p?.notes).toMatch(/no number/);
  });
});

// Governorates by the names the table's admin1 uses (Natural Earth-derived basemap, public domain).
const governorates = JSON.parse(geodata("basemap/governorates.geojson")) as { features: Feature<Polygon, { name: string }>[] };
function governorate(admin1: string): Feature<Polygon> {
  const g = governorates.features.find((f) => f.properties.name === admin1);
  if (!g) throw new Error(`no governorate named ${admin1} in the basemap`);
  return g;
}

/** Points and line vertices must lie in the governorate; areas (bounding boxes of regions) by their centroid and padded box. */
function liesIn(geometry: Geometry, admin1: string): boolean {
  const gov = governorate(admin1);
  const inside = (p: Position) => booleanPointInPolygon(p, gov);
  switch (geometry.type) {
    case "Point":
      return inside(geometry.coordinates);
    case "LineString":
      return geometry.coordinates.every(inside);
    default: {
      const [w, s, e, n] = bbox(gov);
      const [gw, gs, ge, gn] = bbox(geometry);
      const PAD = 0.15; // region boxes are padded by 0.08° in the gazetteer
      return inside(centroid(geometry).geometry.coordinates) && gw >= w - PAD && gs >= s - PAD && ge <= e + PAD && gn <= n + PAD;
    }
  }
}

describe("every geometry lies where its place is", () => {
  it("the check itself tells governorates apart", () => {
    expect(liesIn({ type: "Point", coordinates: [36.63393, 35.93062] }, "Daraa")).toBe(false); // Idlib city
    expect(liesIn({ type: "Point", coordinates: [36.100833, 32.612222] }, "Daraa")).toBe(true);
  });

  it("incidents: inside the governorate of their admin1 (Daraa unless the place is elsewhere)", () => {
    for (const f of incidents.features) {
      expect(liesIn(f.geometry, f.properties.admin1), `${f.properties.event_id} ${f.properties.location}`).toBe(true);
    }
    const elsewhere = incidents.features.filter((f) => f.properties.admin1 !== "Daraa").map((f) => f.properties.location);
    expect(elsewhere.sort()).toEqual(["Idlib", "Idlib Governorate", "al-Bab", "the main road connecting Arbin, Mesraba and Madira"].sort());
  });

  it("checkpoints and the siege: inside Daraa Governorate", () => {
    for (const f of [...checkpoints.features, ...siege.features]) {
      if (f.geometry) expect(liesIn(f.geometry, "Daraa"), String(f.properties.id)).toBe(true);
    }
  });

  it("'Ayn Dhakar (the end of DAR-2021-024's road) lies north-east of Jamla and north-west of Nafi'a, clear of al-Shajara", async () => {
    const ayn = (await geocode("Ain Zakr")).best!.geometry as { coordinates: Position };
    const jamla: Position = [35.85083, 32.80611]; // English Wikipedia, "Jamla"
    const nafia: Position = [35.89278, 32.80889]; // English Wikipedia, "Nafia"
    const shajara: Position = [35.88202, 32.77411]; // GeoNames 172829
    expect(bearing(jamla, ayn.coordinates)).toBeGreaterThan(20);
    expect(bearing(jamla, ayn.coordinates)).toBeLessThan(70);
    expect(bearing(nafia, ayn.coordinates)).toBeLessThan(-20);
    expect(distance(shajara, ayn.coordinates, { units: "kilometers" })).toBeGreaterThan(3);
  });

  it("the siege outline holds the besieged neighbourhoods and the Daraa al-Balad incidents", async () => {
    const { polygon, points } = await siegeOutline((t) => geocode(t));
    for (const [name, p] of Object.entries(points)) expect(booleanPointInPolygon(p, polygon), name).toBe(true);
    const inBalad = incidents.features.filter((f) => f.properties.place_id === "cur:daraa-al-balad");
    expect(inBalad.length).toBeGreaterThan(5);
    for (const f of inBalad) expect(booleanPointInPolygon((f.geometry as { coordinates: Position }).coordinates, siege.features[0].geometry as Polygon)).toBe(true);
  });
});

describe("the siege outline keeps to the besieged quarter", () => {
  const outline = siege.features[0];
  const inside = (p: Position) => booleanPointInPolygon(p, outline.geometry as Polygon);

  it("leaves out Daraa's government-held centre (the GeoNames city point of DAR-2021-005 and 008)", () => {
    const city = incidents.features.filter((f) => f.properties.place_id === "geonames:170905");
    expect(city.map((f) => f.properties.event_id)).toEqual(expect.arrayContaining(["DAR-2021-005", "DAR-2021-008"]));
    for (const f of city) expect(inside((f.geometry as { coordinates: Position }).coordinates), f.properties.event_id).toBe(false);
  });

  it("stays within CCSD's 2 km² and about a kilometre of the al-Omari Mosque", () => {
    expect(area(outline) / 1e6).toBeLessThanOrEqual(2);
    expect(outline.properties.area_km2).toBeCloseTo(area(outline) / 1e6, 1);
    const mosque: Position = [36.100833, 32.612222]; // de.wikipedia, the gazetteer's Daraa al-Balad
    expect(inside(mosque)).toBe(true);
    for (const v of (outline.geometry as Polygon).coordinates[0]) expect(distance(mosque, v, { units: "kilometers" })).toBeLessThan(1.7);
  });

  it("names a reason and a page for every vertex it draws", () => {
    const vertices = outline.properties.outline_vertices as { at: Position; basis: string; source: string }[];
    expect(vertices.map((v) => v.at)).toEqual((outline.geometry as Polygon).coordinates[0].slice(0, -1));
    for (const v of vertices) {
      expect(v.basis.length, JSON.stringify(v.at)).toBeGreaterThan(20);
      expect(v.source).toMatch(/^https?:\/\//);
    }
  });
});

describe("checkpoints", () => {
  it("validate as GeoJSON and keep the rendering contract", () => {
    expect(featureCollectionIssues(checkpoints)).toEqual([]);
    const ids = checkpoints.features.map((f) => f.properties.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of checkpoints.features) {
      const p = f.properties;
      expect(["checkpoint", "checkpoint-area"]).toContain(p.kind);
      expect(Number.isInteger(p.count) && p.count > 0, p.id).toBe(true);
      // No invented points: unknown positions have no geometry; areas stand for several positions.
      expect(p.position === "unknown", p.id).toBe(f.geometry === null);
      if (p.kind === "checkpoint-area") expect(["Polygon", "MultiPolygon"]).toContain(f.geometry?.type);
      if (p.kind === "checkpoint" && f.geometry) expect(f.geometry.type).toBe("Point");
      expect([1, 2, 3]).toContain(p.geo_precision);
      for (const c of p.changes) {
        expect(c.date === null || isDay(c.date), `${p.id} ${c.date}`).toBe(true);
        if (c.source_quote) expect(quoteOccurs(ARTICLE, c.source_quote), `${p.id} change`).toBe(true);
      }
      for (const q of [p.source_quote, ...((p.source_quotes as string[] | undefined) ?? [])]) {
        expect(quoteOccurs(ARTICLE, String(q)), `${p.id}: ${q}`).toBe(true);
      }
    }
  });

  it("represent the 18 stormed positions as one area with a count, not 18 points", () => {
    const areas = checkpoints.features.filter((f) => f.properties.count === 18);
    expect(areas).toHaveLength(1);
    expect(areas[0].properties.kind).toBe("checkpoint-area");
  });

  describe("the 18 positions' area", () => {
    const eighteen = checkpoints.features.find((f) => f.properties.id === "CP-2021-18-POSITIONS")!;
    const daraa = governorate("Daraa");
    const border = polygonToLine(daraa) as Feature<LineString>;
    // Clipping puts vertices on the border, and rounding to 6 decimals may move them off it by a hair.
    const BORDER_M = 2;
    const within = (p: Position) => booleanPointInPolygon(p, daraa) || pointToLineDistance(p, border, { units: "meters" }) <= BORDER_M;

    it("the check itself tells a point in Jordan from one in Daraa", () => {
      expect(within([36.0, 32.45])).toBe(false); // Ramtha, Jordan
      expect(within([36.100833, 32.612222])).toBe(true);
    });

    it("lies within Daraa Governorate: every vertex inside its outline", () => {
      const rings = eighteen.geometry!.type === "Polygon" ? [eighteen.geometry!.coordinates] : (eighteen.geometry as MultiPolygon).coordinates;
      const vertices = rings.flat(2);
      expect(vertices.length).toBeGreaterThan(10);
      for (const v of vertices) expect(within(v), JSON.stringify(v)).toBe(true);
    });

    it("has a label placed inside it, clear of every incident marker", () => {
      const at = eighteen.properties.label_at as Position;
      expect(eighteen.properties.label).toMatch(/^18 positions stormed, .* positions not given$/);
      expect(booleanPointInPolygon(at, eighteen.geometry as Polygon | MultiPolygon)).toBe(true);
      for (const f of incidents.features) expect(distance(at, markerAnchor(f.geometry), { units: "kilometers" }), f.properties.event_id).toBeGreaterThan(10);
    });
  });
});

describe("siege", () => {
  const f = siege.features[0];
  it("is one valid polygon feature with its figures, dates, terms and sources", () => {
    expect(featureCollectionIssues(siege)).toEqual([]);
    expect(siege.features).toHaveLength(1);
    expect(f.geometry.type).toBe("Polygon");
    const p = f.properties;
    expect(p.name).toBe("Siege of Daraa al-Balad");
    expect(p.families).toBe(11000);
    expect(p.neighbourhoods?.length).toBeGreaterThan(0);
    expect(String(p.neighbourhoods_source)).toMatch(/^https:\/\//);
    expect(isDay(p.valid_from) && isDay(p.valid_to) && String(p.valid_from) < String(p.valid_to)).toBe(true);
    expect(p.precision_note).toMatch(/Schematic/);
    expect((p.terms as string[]).length).toBe(4);
    for (const q of p.source_quotes as string[]) expect(quoteOccurs(ARTICLE, q), q).toBe(true);
  });
});

describe("summary", () => {
  it("sets the itemised tolls beside the infobox's (26 and 40 government, 17 rebels, 22 civilians)", () => {
    const lines = built.summary.casualties.lines.map((l) => [l.side, l.measure, l.infobox]);
    expect(lines).toEqual([
      ["government", "killed", 26],
      ["government", "captured", 40],
      ["rebels", "killed", 17],
      ["civilians", "killed", 22],
    ]);
    for (const l of built.summary.casualties.lines) {
      expect(l.itemised).toBeLessThanOrEqual(l.infobox);
      const sum = incidents.features.filter((x) => l.events.includes(x.properties.event_id)).reduce((s, x) => s + (l.measure === "killed" ? x.properties.fatalities : (x.properties.captured ?? 0)), 0);
      expect(sum).toBe(l.itemised);
    }
    expect(built.summary.incidents).toBe(incidents.features.length);
  });

  it("counts the reconciled 5th Corps dead as disputed, on neither side, but in the total", () => {
    const c = built.summary.casualties;
    expect(c.killed_side_disputed).toMatchObject({ itemised: 6, events: ["DAR-2021-029"] });
    expect(c.lines.find((l) => l.side === "rebels" && l.measure === "killed")?.events).not.toContain("DAR-2021-029");
    const killed = incidents.features.reduce((s, f) => s + f.properties.fatalities, 0);
    expect(c.total_killed.itemised).toBe(killed);
  });
});

describe("geodata/README.md", () => {
  it("shows the same casualty comparison as summary.json", () => {
    const readme = geodata("README.md");
    const table = readme.slice(readme.indexOf("<!-- casualty-table"), readme.indexOf("<!-- /casualty-table"));
    const label = (side: string, measure: string) => `${side[0].toUpperCase()}${side.slice(1)} ${measure}`;
    const pctText = (n: number | null) => (n === null ? "n/a" : `${n}%`);
    for (const l of built.summary.casualties.lines) {
      expect(table).toContain(`| ${label(l.side, l.measure)} | ${l.itemised} | ${l.infobox} | ${pctText(l.share_pct)} |`);
    }
    const d = built.summary.casualties.killed_side_disputed;
    expect(table).toContain(`| Side disputed killed | ${d.itemised} | n/a | n/a |`);
    const t = built.summary.casualties.total_killed;
    expect(table).toContain(`| **All killed** | **${t.itemised}** | **${t.infobox}** | **${pctText(t.share_pct)}** |`);
  });
});
