// What each real-world import fixture (tests/fixtures/import/README.md) must give in one click: counts,
// rejected rows and known rows, read by hand from the files. Shared by the unit test and the browser tests.

export interface FixtureRow {
  /** event_id: the file's own id, or `T-<row>` (1-based data row or feature) when the file has none. */
  id: string;
  date: string | null;
  end?: string;
  timePrecision: 1 | 2 | 3;
  /** [lng, lat] of a Point; omitted for other geometries. */
  position?: [number, number];
  eventType: string;
  geoPrecision: 1 | 2 | 3;
  /** Other properties as the file gives them. */
  props?: Record<string, unknown>;
}

export interface FixtureCase {
  file: string;
  format: string;
  encoding?: RegExp;
  total: number;
  accepted: number;
  /** Rejected rows and the field named (the file's own name for it), in row order. */
  rejected: { row: number; field?: RegExp }[];
  known: FixtureRow[];
  /** Rows placed by name: import with the offline geocoder. */
  geocode?: true;
}

export const FIXTURE_CASES: FixtureCase[] = [
  {
    file: "acled-2023.csv",
    format: "csv",
    encoding: /^utf-8/,
    total: 12,
    accepted: 11, // row 12 repeats SYR116215 of row 2: reported as a duplicate, the first kept
    rejected: [],
    known: [
      { id: "SYR116355", date: "2021-08-05", timePrecision: 1, position: [36.1008, 32.6122], eventType: "Strategic developments", geoPrecision: 1 },
      { id: "SYR116301", date: "2021-08-01", timePrecision: 2, position: [36.0609, 32.9912], eventType: "Violence against civilians", geoPrecision: 2, props: { civilian_targeting: true, fatalities: 1 } },
      { id: "SYR116512", date: "2021-08-24", timePrecision: 3, position: [36.1021, 32.6189], eventType: "Battles", geoPrecision: 3 },
    ],
  },
  {
    file: "acled-api.json",
    format: "json-records",
    total: 5,
    accepted: 5,
    rejected: [],
    known: [
      { id: "UKR1003", date: "2022-03-09", timePrecision: 1, position: [37.5434, 47.0971], eventType: "Explosions/Remote violence", geoPrecision: 1, props: { fatalities: 3, location: "Mariupol" } },
      { id: "UKR1004", date: "2022-03-31", timePrecision: 2, position: [30.212, 50.5436], eventType: "Violence against civilians", geoPrecision: 2, props: { fatalities: 10 } },
    ],
  },
  {
    file: "acled-2020-excel.csv",
    format: "csv",
    encoding: /^utf-8/,
    total: 11,
    accepted: 10,
    rejected: [{ row: 11, field: /longitude|row|record/i }], // cut off after its latitude
    known: [
      { id: "SYR62011", date: "2020-05-09", timePrecision: 1, position: [36.1021, 32.6189], eventType: "Violence against civilians", geoPrecision: 1 },
      { id: "SYR62480", date: "2020-06-02", timePrecision: 2, position: [36, 32.7], eventType: "Strategic developments", geoPrecision: 2 },
      { id: "SYR62702", date: "2020-06-30", timePrecision: 3, position: [36.2, 33], eventType: "Battles", geoPrecision: 3 },
    ],
  },
  {
    file: "acled-2016.csv",
    format: "csv",
    encoding: /^windows-1252/,
    total: 13,
    accepted: 13,
    rejected: [],
    known: [
      // Remote violence → Explosions/Remote violence; ö and ñ survive only when read as windows-1252.
      { id: "MOZ1533", date: "2015-12-29", timePrecision: 1, position: [33.9167, -17.85], eventType: "Explosions/Remote violence", geoPrecision: 1, props: { source: "Der Standard (Österreich); EFE (España)", event_type_original: "Remote violence" } },
      { id: "MOZ1245", date: "2015-02-07", timePrecision: 1, position: [33.1667, -18.0833], eventType: "Explosions/Remote violence", geoPrecision: 2, props: { location: "Báruè" } },
      // Battle-No change of territory → Battles; a trailing non-breaking space is not part of the place.
      { id: "MOZ1201", date: "2015-01-14", timePrecision: 1, position: [34.0708, -18.6767], eventType: "Battles", geoPrecision: 1, props: { location: "Gorongosa", fatalities: 2 } },
      { id: "DRC9870", date: "2015-11-29", timePrecision: 3, position: [29.2442, -0.1587], eventType: "Battles", geoPrecision: 2 },
      { id: "MOZ1540", date: "2015-12-31", timePrecision: 1, position: [35.5833, -17.3333], eventType: "Violence against civilians", geoPrecision: 1, props: { fatalities: 3, admin1: "Zambézia" } },
      // Riots/Protests split as ACLED's 2019 types did: rioters (inter1 5) riot, protesters (inter1 6) protest.
      { id: "CIV3188", date: "2015-08-20", timePrecision: 1, position: [-4.0719, 5.3364], eventType: "Riots", geoPrecision: 1 },
      { id: "MOZ1388", date: "2015-04-30", timePrecision: 1, position: [32.5892, -25.9653], eventType: "Protests", geoPrecision: 1 },
    ],
  },
  {
    file: "acled-1256.csv",
    format: "csv",
    encoding: /^windows-1256/,
    total: 8,
    accepted: 8,
    rejected: [],
    known: [
      { id: "T-2", date: "2021-07-29", timePrecision: 1, position: [36.0665, 32.7371], eventType: "Battles", geoPrecision: 1, props: { location: "طفس" } },
      { id: "T-4", date: "2021-08-05", timePrecision: 1, position: [36.1008, 32.6122], eventType: "Strategic developments", geoPrecision: 1, props: { location: "درعا البلد" } },
    ],
  },
  {
    file: "ucdp-ged.csv",
    format: "csv",
    encoding: /^utf-8/,
    total: 10,
    accepted: 10,
    rejected: [],
    known: [
      // type_of_violence 1 → Battles; date_prec 2 → 2; where_prec 2 → 2; fatalities = best.
      { id: "401102", date: "2021-08-26", end: "2021-08-28", timePrecision: 2, position: [36.0665, 32.7371], eventType: "Battles", geoPrecision: 2, props: { fatalities: 4 } },
      // date_prec 4 (the month) → 3; where_prec 4 (ADM1 centroid) → 3.
      { id: "701202", date: "2022-04-01", end: "2022-04-30", timePrecision: 3, position: [37.8, 48], eventType: "Battles", geoPrecision: 3, props: { fatalities: 32 } },
      // type_of_violence 3 (one-sided) → Violence against civilians.
      { id: "401103", date: "2021-08-10", timePrecision: 1, position: [36.1008, 32.6122], eventType: "Violence against civilians", geoPrecision: 1 },
      // type_of_violence 2 (non-state) → Battles; where_prec 6 (country) → 3.
      { id: "801302", date: "2021-06-15", timePrecision: 1, position: [-3.99, 17.57], eventType: "Battles", geoPrecision: 3 },
    ],
  },
  {
    file: "timemap.json",
    format: "json-records",
    total: 10,
    accepted: 10,
    rejected: [],
    known: [
      { id: "CH-0001", date: "2022-02-24", timePrecision: 1, position: [38.9, 49.21], eventType: "Artillery", geoPrecision: 1, props: { "Type of area affected": "Residential", "Weapon system": "Artillery", facet_keys: "Type of area affected; Weapon system" } },
      { id: "CH-0006", date: "2022-03-16", timePrecision: 1, position: [37.5494, 47.0958], eventType: "Air strike", geoPrecision: 1, props: { location: "Drama Theatre, Mariupol" } },
    ],
  },
  {
    file: "geojson-minimal.geojson",
    format: "geojson",
    total: 6,
    accepted: 5,
    rejected: [{ row: 6, field: /geometry/ }],
    known: [
      { id: "T-1", date: null, timePrecision: 3, position: [-4.64, 14.2], eventType: "Unclassified", geoPrecision: 1, props: { location: "Moura, Mopti region" } },
      { id: "T-4", date: null, timePrecision: 3, position: [2.4, 15.92], eventType: "Unclassified", geoPrecision: 1, props: { location: "Ménaka" } },
    ],
  },
  {
    file: "incidents.ndjson",
    format: "ndjson",
    total: 8,
    accepted: 7,
    rejected: [{ row: 5 }], // a line cut off mid-object
    known: [
      { id: "T-1", date: "2023-04-15", timePrecision: 1, position: [32.5599, 15.5007], eventType: "Battles", geoPrecision: 1, props: { location: "Khartoum" } },
      { id: "T-3", date: "2023-04-24", timePrecision: 1, position: [22.4471, 13.4527], eventType: "Violence against civilians", geoPrecision: 1, props: { fatalities: 12 } },
    ],
  },
  {
    file: "umap.kml",
    format: "kml",
    total: 5,
    accepted: 5,
    rejected: [],
    known: [
      { id: "T-1", date: "2021-08-26", timePrecision: 1, position: [36.0665, 32.7371], eventType: "Explosions/Remote violence", geoPrecision: 1, props: { fatalities: 2 } },
      { id: "T-3", date: "2021-08-03", timePrecision: 1, eventType: "Battles", geoPrecision: 1 }, // a LineString
      { id: "T-4", date: "2021-08-05", timePrecision: 1, position: [36.1008, 32.6122], eventType: "Strategic developments", geoPrecision: 1 },
    ],
  },
  {
    file: "google-my-maps.kml",
    format: "kml",
    total: 4,
    accepted: 4,
    rejected: [],
    known: [
      { id: "T-1", date: "2022-03-01", timePrecision: 1, position: [36.231, 49.9922], eventType: "Missile strike", geoPrecision: 1 },
      { id: "T-3", date: "2022-03-16", timePrecision: 1, position: [36.283, 50.041], eventType: "Shelling", geoPrecision: 1 },
    ],
  },
  {
    file: "hdx-hxl.csv",
    format: "csv",
    encoding: /^utf-8/,
    total: 8,
    accepted: 8,
    rejected: [],
    known: [
      { id: "T-1", date: "2022-01-08", timePrecision: 1, position: [-1.0844, 13.0917], eventType: "Attaque", geoPrecision: 1, props: { fatalities: 3 } },
      { id: "T-4", date: "2022-02-21", timePrecision: 1, position: [-1.6306, 14.1022], eventType: "Affrontement", geoPrecision: 1, props: { fatalities: 7 } },
    ],
  },
  {
    file: "semicolon-decimal-comma.csv",
    format: "csv",
    encoding: /^utf-8/,
    total: 8,
    accepted: 7,
    rejected: [{ row: 6, field: /latitude/ }], // 329,912
    known: [
      { id: "T-3", date: "2021-08-05", timePrecision: 1, position: [36.1008, 32.6122], eventType: "Strategic developments", geoPrecision: 1 },
      { id: "T-7", date: "2021-08-26", timePrecision: 1, position: [36.0665, 32.7371], eventType: "Explosions/Remote violence", geoPrecision: 1, props: { fatalities: 2 } },
      { id: "T-1", date: "2021-07-29", timePrecision: 1, position: [36.1008, 32.6122], eventType: "Battles", geoPrecision: 1, props: { notes: "Clashes at checkpoints, after the siege began" } },
    ],
  },
  {
    file: "incidents.tsv",
    format: "csv",
    encoding: /^utf-8/,
    total: 12,
    accepted: 11,
    // (0, 0) is a missing position; row 9 (49.99 E, 36.23 N, swapped by its editor) is a position and is kept:
    // the file names no country to test it against, and a row is never judged against the others.
    rejected: [{ row: 5, field: /latitude|longitude/ }],
    known: [
      { id: "T-7", date: "2022-03-09", timePrecision: 1, position: [37.5434, 47.0971], eventType: "Explosions/Remote violence", geoPrecision: 1, props: { fatalities: 3 } },
      { id: "T-12", date: "2022-06-12", timePrecision: 1, position: [38.4917, 48.9482], eventType: "Battles", geoPrecision: 1 },
    ],
  },
  {
    file: "places-only.csv",
    format: "csv",
    encoding: /^utf-8/,
    total: 8,
    accepted: 7,
    rejected: [],
    geocode: true,
    known: [
      // Positions from geodata/gazetteer: curated.csv (cur:daraa-al-balad, cur:daraa-camp) and geonames-sy.json (164328).
      { id: "T-1", date: "2021-07-29", timePrecision: 1, position: [36.100833, 32.612222], eventType: "Battles", geoPrecision: 1 },
      { id: "T-3", date: "2021-07-30", timePrecision: 1, position: [36.16052, 32.82666], eventType: "Battles", geoPrecision: 1 },
      { id: "T-6", date: "2021-08-18", timePrecision: 1, position: [36.11098, 32.61762], eventType: "Explosions/Remote violence", geoPrecision: 2 },
    ],
  },
  {
    file: "incidents.xlsx",
    format: "xlsx",
    encoding: /^none/,
    total: 8,
    accepted: 8,
    rejected: [],
    known: [
      { id: "T-1", date: "2022-02-24", timePrecision: 1, position: [36.2304, 49.9935], eventType: "Explosions/Remote violence", geoPrecision: 1 },
      { id: "T-8", date: "2022-07-30", timePrecision: 1, position: [35.1396, 47.8388], eventType: "Explosions/Remote violence", geoPrecision: 1, props: { fatalities: 1, location: "Zaporizhzhia" } },
    ],
  },
];
