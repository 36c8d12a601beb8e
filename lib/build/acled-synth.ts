// A synthetic ACLED export as text: today's 31 columns, `05 August 2021` dates, quoted notes with commas
// and doubled quotes, on towns of Daraa governorate. Deterministic for a seed, and line by line so a test
// can write a million rows without holding them (the import bench and the 1M-row browser test).
import { mulberry32 } from "./synth";

export interface AcledCsvOptions {
  /** Data rows, a whole number ≥ 0. */
  rows: number;
  /** Any integer; the same seed gives the same file. */
  seed: number;
}

export const ACLED_2023_COLUMNS = [
  "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
  "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
  "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
  "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
] as const;

// [location, admin2, lng, lat]: GeoNames and curated positions from geodata/gazetteer/.
const PLACES: readonly (readonly [string, string, number, number])[] = [
  ["Daraa al-Balad", "Dar'a", 36.100833, 32.612222],
  ["Dar'a", "Dar'a", 36.10213, 32.61889],
  ["Tafas", "Dar'a", 36.06654, 32.73709],
  ["Jasim", "Izraa", 36.06093, 32.99125],
  ["Nawa", "Izraa", 36.03905, 32.88646],
  ["Sheikh Miskin", "Izraa", 36.16052, 32.82666],
  ["Muzayrib", "Dar'a", 36.02751, 32.71084],
  ["Busra Esh-Sham", "Dar'a", 36.48163, 32.5174],
  ["Inkhil", "As-Sanamayn", 36.12828, 33.01809],
  ["Busra al-Harir", "Izraa", 36.34, 32.8425],
  ["Nafi'ah", "Dar'a", 35.89278, 32.80889],
  ["Daraa camp", "Dar'a", 36.11098, 32.61762],
];

// [event_type, disorder_type, sub_event_type, actor1, inter1, actor2, inter2, civilian_targeting]
const KINDS: readonly (readonly [string, string, string, string, number, string, number, string])[] = [
  ["Battles", "Political violence", "Armed clash", "Military Forces of Syria (2000-)", 1, "Rebel Groups (Syria)", 2, ""],
  ["Explosions/Remote violence", "Political violence", "Shelling/artillery/missile attack", "Military Forces of Syria (2000-)", 1, "Civilians (Syria)", 7, "Civilian targeting"],
  ["Explosions/Remote violence", "Political violence", "Remote explosive/landmine/IED", "Unidentified Armed Group (Syria)", 3, "Military Forces of Syria (2000-)", 1, ""],
  ["Violence against civilians", "Political violence", "Attack", "Unidentified Armed Group (Syria)", 3, "Civilians (Syria)", 7, "Civilian targeting"],
  ["Protests", "Demonstrations", "Peaceful protest", "Protesters (Syria)", 6, "", 0, ""],
  ["Riots", "Demonstrations", "Mob violence", "Rioters (Syria)", 5, "", 0, ""],
  ["Strategic developments", "Strategic developments", "Agreement", "Military Forces of Syria (2000-)", 1, "Rebel Groups (Syria)", 2, ""],
];
const SOURCES: readonly (readonly [string, string])[] = [["SOHR", "National"], ["Horan Free League", "Subnational"], ["Enab Baladi", "National"]];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAY_MS = 86_400_000;
// @option FIRST_DAY: 2021-01-01, the first day of the synthetic export; rows then advance through 2021–2024.
const FIRST_DAY = Date.UTC(2021, 0, 1);
const SPAN_DAYS = 4 * 365;

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The export's lines, header first, without line ends. */
export function* acledCsvLines({ rows, seed }: AcledCsvOptions): Generator<string> {
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`rows must be a whole number ≥ 0, got ${rows}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const random = mulberry32(seed);
  yield ACLED_2023_COLUMNS.join(",");
  for (let i = 0; i < rows; i++) {
    const day = new Date(FIRST_DAY + Math.floor((i * SPAN_DAYS) / Math.max(rows, 1)) * DAY_MS);
    const [location, admin2, lng, lat] = PLACES[Math.floor(random() * PLACES.length)];
    const [eventType, disorder, sub, actor1, inter1, actor2, inter2, civilians] = KINDS[Math.floor(random() * KINDS.length)];
    const [source, scale] = SOURCES[Math.floor(random() * SOURCES.length)];
    const r = random();
    const timePrecision = r < 0.85 ? 1 : r < 0.95 ? 2 : 3;
    const g = random();
    const geoPrecision = g < 0.8 ? 1 : g < 0.95 ? 2 : 3;
    // "near" a place: within about 3 km of it.
    const jitter = geoPrecision === 2 ? 0.03 : 0;
    const x = (lng + (random() - 0.5) * jitter).toFixed(4);
    const y = (lat + (random() - 0.5) * jitter).toFixed(4);
    const fatalities = random() < 0.6 ? 0 : 1 + Math.floor(random() * 6);
    const dd = String(day.getUTCDate()).padStart(2, "0");
    const date = `${dd} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
    const notes = `On ${date}, ${sub.toLowerCase()} reported in ${location}, ${admin2} district; the source said "${fatalities} killed".`;
    const cells = [
      `SYN${String(i + 1).padStart(7, "0")}`, date, String(day.getUTCFullYear()), String(timePrecision), disorder, eventType, sub,
      actor1, "", String(inter1), actor2, "", String(inter2), String(inter1 * 10 + inter2), civilians,
      "760", "Middle East", "Syria", "Dar'a", admin2, location, location, y, x, String(geoPrecision),
      source, scale, notes, String(fatalities), "", String(Math.floor((day.getTime() + DAY_MS) / 1000)),
    ];
    yield cells.map(quote).join(",");
  }
}

/** The whole export as one string, LF line ends, with a final newline. */
export function acledCsv(options: AcledCsvOptions): string {
  return [...acledCsvLines(options)].join("\n") + "\n";
}
