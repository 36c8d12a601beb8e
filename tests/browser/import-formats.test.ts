// One click for the common formats: a small ACLED export, a UCDP GED CSV, a GeoJSON whose properties are
// only location/description/link, and a TimeMap-style JSON array, each written here as their owners
// write them. Each is imported with Enter on the mapping step's focused button, and its known rows are
// checked where and when the file says, through the GeoJSON export (of what is in view: the map is opened
// where each file's incidents are).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { open, useBrowser } from "./harness";
import { mappingStep, pick, pressImport, report, totalCount } from "./import-helpers";
import type { IncidentFeature } from "@/lib/incident/model";

const SYRIA = "/?map=8/32.80000/36.00000";
const UKRAINE = "/?map=5/48.80000/34.50000";
const browserOf = useBrowser();

const ACLED = [
  "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp",
  'SYR90001,2021-08-05,2021,1,Political violence,Battles,Armed clash,Military Forces of Syria (2000-2024),,1,Rebel Group,,2,12,,760,Middle East,Syria,Dara,Dara,Dara,Tafas,32.7372,35.9680,1,SOHR,National,"Clashes near Tafas, with shelling.",3,,1628208000',
  "SYR90002,2021-08-06,2021,1,Demonstrations,Protests,Peaceful protest,Protesters (Syria),,6,,,0,60,,760,Middle East,Syria,Dara,Dara,Dara,Jasim,32.9922,36.0603,1,Local media,Subnational,Protest.,0,crowd size=dozens,1628294400",
].join("\n");

const UCDP = [
  "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob",
  '412001,SYR-2021-1-299-41,2021,TRUE,Clear,1,299,299,Syria: Government,411,411,Government of Syria - Syrian insurgents,99,99,Government of Syria,,,Syrian insurgents,1,"""Report""",AFP,2021-08-05,"Clashes",SOHR,1,Daraa city,Daraa al-Balad,Daraa governorate,Daraa district,32.6123,36.1012,POINT (36.1012 32.6123),180433,Syria,652,Middle East,1,1,2021-08-05 00:00:00.000,2021-08-05 00:00:00.000,2,1,0,0,3,4,3,652,',
  '412002,SYR-2021-1-299-42,2021,TRUE,Clear,3,299,299,Syria: Government,411,411,Government of Syria - civilians,99,99,Government of Syria,,,Civilians,1,"""Report""",AFP,2021-08-07,"Shelling",SOHR,2,Tafas,near Tafas,Daraa governorate,Daraa district,32.7372,35.968,POINT (35.968 32.7372),180433,Syria,652,Middle East,1,2,2021-08-01 00:00:00.000,2021-08-07 00:00:00.000,0,0,1,0,1,1,1,652,',
].join("\n");

const GEOJSON = JSON.stringify({
  type: "FeatureCollection",
  features: [
    { type: "Feature", geometry: { type: "Point", coordinates: [30.5234, 50.4501] }, properties: { location: "Kyiv", description: "Strike on a residential block", link: "https://example.org/a" } },
    { type: "Feature", geometry: { type: "Point", coordinates: [36.2304, 49.9935] }, properties: { location: "Kharkiv", description: "Shelling", link: "https://example.org/b" } },
  ],
});

const TIMEMAP = JSON.stringify([
  { id: "TM-1", date: "02/24/2022", latitude: "49.21", longitude: "38.90", location: "Sloviansk", description: "Shelling of a market", sources: [{ id: "s1", url: "https://example.org/s1" }], filters: [{ name: "Type", value: "Shelling" }] },
  { id: "TM-2", date: "03/13/2022", latitude: "47.0951", longitude: "37.5413", location: "Mariupol", description: "Strike", sources: [], filters: [] },
]);

async function exported(page: Page): Promise<IncidentFeature[]> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export GeoJSON" }).click()]);
  return (JSON.parse(readFileSync((await download.path())!, "utf8")) as { features: IncidentFeature[] }).features;
}

const at = (features: IncidentFeature[], lng: number, lat: number) =>
  features.find((f) => f.geometry?.type === "Point" && Math.abs(f.geometry.coordinates[0] - lng) < 1e-6 && Math.abs(f.geometry.coordinates[1] - lat) < 1e-6);

const cases: { name: string; view: string; mime: string; content: string; rows: number; profile: RegExp; known: { lng: number; lat: number; date: string | null }[] }[] = [
  { name: "acled-2023.csv", view: SYRIA, mime: "text/csv", content: ACLED, rows: 2, profile: /ACLED/, known: [{ lng: 35.968, lat: 32.7372, date: "2021-08-05" }, { lng: 36.0603, lat: 32.9922, date: "2021-08-06" }] },
  { name: "ged.csv", view: SYRIA, mime: "text/csv", content: UCDP, rows: 2, profile: /UCDP/, known: [{ lng: 36.1012, lat: 32.6123, date: "2021-08-05" }, { lng: 35.968, lat: 32.7372, date: "2021-08-01" }] },
  { name: "incidents.geojson", view: UKRAINE, mime: "application/geo+json", content: GEOJSON, rows: 2, profile: /GeoJSON/, known: [{ lng: 30.5234, lat: 50.4501, date: null }] },
  { name: "timemap.json", view: UKRAINE, mime: "application/json", content: TIMEMAP, rows: 2, profile: /TimeMap/, known: [{ lng: 38.9, lat: 49.21, date: "2022-02-24" }, { lng: 37.5413, lat: 47.0951, date: "2022-03-13" }] },
];

describe("one click for the common formats", () => {
  for (const c of cases) {
    it(`${c.name}: no change needed, Enter imports every row where and when the file says`, async () => {
      const { context, page, errors } = await open(browserOf(), c.view);
      // Away from Syria there are no markers to wait for: the count says the dataset is here.
      await expect.poll(() => totalCount(page)).toBeGreaterThan(0);
      const before = await totalCount(page);
      expect(await pick(page, c.name, c.content, c.mime)).toBe("step");
      await expect(page.getByTestId("mapping-profile").innerText()).resolves.toMatch(c.profile);
      await expect.poll(() => page.getByTestId("mapping-rejections").innerText()).toMatch(/none would be rejected/);
      await expect(mappingStep(page).getByRole("button", { name: `Import ${c.rows} incidents` }).count()).resolves.toBe(1);
      await pressImport(page);
      await expect(report(page).innerText()).resolves.toMatch(new RegExp(`${c.rows} of ${c.rows} imported`));
      await expect.poll(() => totalCount(page)).toBe(before + c.rows);
      const features = await exported(page);
      for (const k of c.known) {
        const f = at(features, k.lng, k.lat);
        expect(f, `${c.name}: a feature at ${k.lng}, ${k.lat}`).toBeDefined();
        expect(f!.properties.event_date).toBe(k.date);
      }
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
