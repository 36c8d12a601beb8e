// Remembered mappings: the same header gets its mapping back; whatever else localStorage holds is refused.
import { describe, expect, it } from "vitest";
import { checkMapping, forget, headerKey, MAX_REMEMBERED, recall, remember, sameMapping, STORAGE_KEY } from "@/components/import/remembered";
import type { Mapping } from "@/lib/import/mapping/types";

function memory(initial?: string) {
  const m = new Map<string, string>(initial === undefined ? [] : [[STORAGE_KEY, initial]]);
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), raw: () => m.get(STORAGE_KEY) };
}

const columns = ["when", "lat", "lon", "what"];
const mapping: Mapping = {
  profile: "custom",
  roles: { when: "date", lat: "latitude", lon: "longitude", what: "event_type" },
  dateFormat: "mdy",
  twoDigitYearPivot: 50,
  precision: { geo: "acled", time: "acled" },
};
const stored = (entry: unknown) => JSON.stringify({ [headerKey(columns)]: entry });

describe("remembered mappings", () => {
  it("gives the mapping back for the same header, with the day it was saved, and not for another order", () => {
    const s = memory();
    remember(columns, mapping, s, new Date("2026-11-30T10:00:00Z"));
    expect(recall(columns, s)).toEqual({ mapping, savedAt: "2026-11-30T10:00:00.000Z" });
    expect(recall(["lat", "when", "lon", "what"], s)).toBeNull();
    expect(headerKey(["a", "b"])).not.toBe(headerKey(["b", "a"]));
    expect(headerKey(["a,b"])).not.toBe(headerKey(["a", "b"]));
    forget(columns, s);
    expect(recall(columns, s)).toBeNull();
  });

  it("keeps the most recent MAX_REMEMBERED headers", () => {
    const s = memory();
    for (let i = 0; i <= MAX_REMEMBERED; i++) remember([`c${i}`], { ...mapping, roles: { [`c${i}`]: "notes" } }, s);
    expect(recall(["c0"], s)).toBeNull();
    expect(recall(["c1"], s)?.mapping.roles).toEqual({ c1: "notes" });
    expect(recall([`c${MAX_REMEMBERED}`], s)).not.toBeNull();
  });

  const hostile: [string, string][] = [
    ["not JSON", "{nope"],
    ["an array", "[1,2]"],
    ["an entry that is a string", stored("x")],
    ["an unknown role", stored({ savedAt: "2026-11-30T10:00:00.000Z", mapping: { ...mapping, roles: { ...mapping.roles, what: "<img>" } } })],
    ["a column missing", stored({ savedAt: "2026-11-30T10:00:00.000Z", mapping: { ...mapping, roles: { when: "date", lat: "latitude", lon: "longitude" } } })],
    ["a column too many", stored({ savedAt: "2026-11-30T10:00:00.000Z", mapping: { ...mapping, roles: { ...mapping.roles, extra: "notes" } } })],
    ["an unknown date format", stored({ savedAt: "2026-11-30T10:00:00.000Z", mapping: { ...mapping, dateFormat: "yyyy/dd" } })],
    ["a pivot that is text", stored({ savedAt: "2026-11-30T10:00:00.000Z", mapping: { ...mapping, twoDigitYearPivot: "50" } })],
    ["an unknown precision scale", stored({ savedAt: "2026-11-30T10:00:00.000Z", mapping: { ...mapping, precision: { geo: "x", time: "acled" } } })],
    ["a date that is not a time", stored({ savedAt: "yesterday", mapping })],
    ["markup as the date", stored({ savedAt: "<b>2026</b>", mapping })],
  ];
  for (const [what, raw] of hostile) {
    it(`refuses storage holding ${what}`, () => {
      expect(recall(columns, memory(raw))).toBeNull();
    });
  }

  it("keeps a column named __proto__ a column, without touching any prototype", () => {
    const cols = ["__proto__", "constructor"];
    const raw = `{"${headerKey(cols)}":{"savedAt":"2026-11-30T10:00:00.000Z","mapping":{"profile":"custom","roles":{"__proto__":"notes","constructor":"keep"},"dateFormat":null,"twoDigitYearPivot":50,"precision":{"geo":"acled","time":"acled"}}}}`;
    const got = recall(cols, memory(raw))!;
    expect(Object.getPrototypeOf(got.mapping.roles)).toBe(Object.prototype);
    expect(Object.hasOwn(got.mapping.roles, "__proto__")).toBe(true);
    expect(got.mapping.roles["__proto__"]).toBe("notes");
    expect(({} as Record<string, unknown>).notes).toBeUndefined();
    expect(checkMapping({ ...mapping, roles: { when: "date" } }, ["when", "toString"])).toBeNull();
  });

  it("compares mappings by what they do, not by the profile's name", () => {
    expect(sameMapping(mapping, { ...mapping, profile: "other" })).toBe(true);
    expect(sameMapping(mapping, { ...mapping, dateFormat: "dmy" })).toBe(false);
    expect(sameMapping(mapping, { ...mapping, roles: { ...mapping.roles, what: "notes" } })).toBe(false);
  });

  it("survives storage that throws on write", () => {
    const s = { getItem: () => null, setItem: () => { throw new Error("QuotaExceededError"); } };
    expect(() => remember(columns, mapping, s)).not.toThrow();
  });
});
