// A file's event type → the incident's event_type. ACLED's six are kept (any case); ACLED's pre-2019
// types go to today's by ACLED's crosswalk (https://www.acleddata.com/2019/03/14/acled-introduces-new-event-types-and-sub-event-types/);
// UCDP GED's type_of_violence goes to ACLED's types by the assumption below; anything else stays the file's
// own category, and a missing type is "Unclassified", never a rejection.
import { EVENT_TYPES, UNCLASSIFIED } from "../../incident/model";

export { UNCLASSIFIED };

export interface TypeReading {
  eventType: string;
  /** The file's value when a crosswalk changed it (kept as `event_type_original`). */
  original?: string;
  /** The sub-event type the old category implies, used only when the row has none. */
  subEventType?: string;
}

/** Lower case, one space, and the hyphen written in any way ("Battle - No change…", "Battle–No change…"). */
const key = (s: string) => s.trim().toLowerCase().replace(/\s*[-–—]\s*/g, "-").replace(/\s+/g, " ");

const ACLED_TODAY = new Map(EVENT_TYPES.map((t) => [key(t), t as string]));

// ACLED before 2019 → today (the 2019 note above); each old battle type names today's sub-event type.
const ACLED_OLD: ReadonlyMap<string, { type: string; sub?: string }> = new Map([
  [key("Battle-No change of territory"), { type: "Battles", sub: "Armed clash" }],
  [key("Battle-Government regains territory"), { type: "Battles", sub: "Government regains territory" }],
  [key("Battle-Non-state actor overtakes territory"), { type: "Battles", sub: "Non-state actor overtakes territory" }],
  [key("Remote violence"), { type: "Explosions/Remote violence" }],
  [key("Violence against civilians"), { type: "Violence against civilians" }],
  [key("Strategic development"), { type: "Strategic developments" }],
  [key("Headquarters or base established"), { type: "Strategic developments", sub: "Headquarters or base established" }],
  [key("Non-violent transfer of territory"), { type: "Strategic developments", sub: "Non-violent transfer of territory" }],
]);
const RIOTS_PROTESTS = key("Riots/Protests");
// Readings of today's types and of a blank type, shared by every row that has one (readers never change them).
const TODAY_READING: ReadonlyMap<string, TypeReading> = new Map([...ACLED_TODAY].map(([k, t]) => [k, Object.freeze({ eventType: t })]));
const UNCLASSIFIED_READING: TypeReading = Object.freeze({ eventType: UNCLASSIFIED });
// @option KEY_CACHE_SIZE: number = 10000, distinct type texts whose keys are remembered while reading a file.
const KEY_CACHE_SIZE = 10_000;
const keys = new Map<string, string>();
// ACLED's actor type code 5 is Rioters, 6 Protesters (inter1 in every vintage's codebook): the one field of
// an old row that says which of today's two types it is. Notes are not read: "riot police" dispersing a
// peaceful protest is common wording.
const RIOTERS = "5";

// UCDP GED type_of_violence (codebook: 1 state-based conflict, 2 non-state conflict, 3 one-sided violence).
// Assumption: state-based and non-state conflict are fighting between organised armed groups (ACLED's
// Battles); one-sided violence is an organised group against civilians (Violence against civilians).
const UCDP: ReadonlyMap<string, { type: string; sub: string }> = new Map([
  ["1", { type: "Battles", sub: "State-based conflict" }],
  ["2", { type: "Battles", sub: "Non-state conflict" }],
  ["3", { type: "Violence against civilians", sub: "One-sided violence" }],
]);

export type TypeScheme = "acled" | "ucdp";

/**
 * Reads one row's type. `text` is the cell as text ("" when blank); `inter1` the row's ACLED actor type,
 * when the file has one, to split the old Riots/Protests.
 */
export function readEventType(text: string, scheme: TypeScheme, inter1?: string): TypeReading {
  const t = text.trim();
  if (t === "") return UNCLASSIFIED_READING;
  if (scheme === "ucdp") {
    const u = UCDP.get(t.replace(/\.0+$/, ""));
    if (u) return { eventType: u.type, original: t, subEventType: u.sub };
  }
  // A file writes a handful of types a million times: each text's key is made once.
  let k = keys.get(t);
  if (k === undefined) {
    if (keys.size >= KEY_CACHE_SIZE) keys.clear();
    keys.set(t, (k = key(t)));
  }
  const today = TODAY_READING.get(k);
  if (today) return today;
  if (k === RIOTS_PROTESTS) return { eventType: inter1?.trim() === RIOTERS ? "Riots" : "Protests", original: t };
  const old = ACLED_OLD.get(k);
  if (old) return { eventType: old.type, original: t, ...(old.sub ? { subEventType: old.sub } : {}) };
  return { eventType: t };
}

/** The assumptions a file's types lead to, in words, for the mapping step and the report. */
export function typeAssumptions(values: Iterable<string>, scheme: TypeScheme): string[] {
  const out = new Set<string>();
  for (const v of values) {
    const r = readEventType(v, scheme);
    if (r.original === undefined) continue;
    if (scheme === "ucdp" && UCDP.has(v.trim())) out.add(`UCDP type_of_violence ${v.trim()} → ${r.eventType} (assumed: 1, 2 state-based and non-state conflict are Battles; 3 one-sided violence is Violence against civilians); the original is kept in event_type_original`);
    else if (key(v) === RIOTS_PROTESTS) out.add("Riots/Protests → Riots when inter1 is 5 (rioters), else Protests (ACLED 2019 crosswalk); the original is kept in event_type_original");
    else out.add(`${v.trim()} → ${r.eventType} (ACLED 2019 crosswalk); the original is kept in event_type_original`);
  }
  return [...out];
}
