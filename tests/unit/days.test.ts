import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { addDays, compareDays, dayCount, dayFromNumber, dayNumber, daysBetween, eachDay, isDay, maxDay, minDay } from "@/lib/incident/days";

// Zones at the extremes of the offset range, and ones whose offset is not whole hours: if anything read
// local time, one of them would shift a day.
const ZONES = ["UTC", "Pacific/Kiritimati", "America/Anchorage", "Pacific/Pago_Pago", "Asia/Kathmandu", "America/St_Johns"];
const ORIGINAL_TZ = process.env.TZ;

afterAll(() => {
  if (ORIGINAL_TZ === undefined) delete process.env.TZ;
  else process.env.TZ = ORIGINAL_TZ;
});

function assertions() {
  expect(addDays("2021-07-31", 1)).toBe("2021-08-01");
  expect(addDays("2021-08-01", -1)).toBe("2021-07-31");
  expect(addDays("2021-09-05", 0)).toBe("2021-09-05");
  expect(addDays("2020-02-28", 1)).toBe("2020-02-29");
  expect(addDays("2021-02-28", 1)).toBe("2021-03-01");
  expect(addDays("2021-12-31", 1)).toBe("2022-01-01");
  // Daylight-saving changes (US 14 March, EU 28 March 2021) must not make a day 23 or 25 hours long.
  expect(addDays("2021-03-13", 1)).toBe("2021-03-14");
  expect(addDays("2021-03-28", 1)).toBe("2021-03-29");
  expect(daysBetween("2021-07-29", "2021-09-05")).toBe(38);
  expect(dayCount("2021-07-29", "2021-09-05")).toBe(39);
  expect(eachDay("2021-07-30", "2021-08-02")).toEqual(["2021-07-30", "2021-07-31", "2021-08-01", "2021-08-02"]);
  expect(dayNumber("1970-01-01")).toBe(0);
  expect(dayNumber("2021-08-01")).toBe(18840);
}

describe("calendar days", () => {
  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2021-08-31", 1)).toBe("2021-09-01");
    expect(addDays("2021-07-29", 38)).toBe("2021-09-05");
    expect(addDays("2000-02-28", 1)).toBe("2000-02-29"); // divisible by 400: leap
    expect(addDays("1900-02-28", 1)).toBe("1900-03-01"); // divisible by 100: not leap
    expect(addDays("2021-01-01", -1)).toBe("2020-12-31");
    expect(addDays("2021-01-01", 365)).toBe("2022-01-01");
  });

  it("daysBetween is the signed difference b - a; dayCount is the inclusive count", () => {
    expect(daysBetween("2021-08-01", "2021-08-01")).toBe(0);
    expect(daysBetween("2021-07-31", "2021-08-01")).toBe(1);
    expect(daysBetween("2021-08-01", "2021-07-31")).toBe(-1);
    expect(daysBetween("2020-01-01", "2021-01-01")).toBe(366);
    expect(dayCount("2021-08-01", "2021-08-01")).toBe(1);
    expect(dayCount("2021-08-02", "2021-08-01")).toBe(0);
  });

  it("eachDay is inclusive at both ends and empty for a reversed range", () => {
    expect(eachDay("2021-08-01", "2021-08-01")).toEqual(["2021-08-01"]);
    expect(eachDay("2021-08-02", "2021-08-01")).toEqual([]);
    const all = eachDay("2021-07-29", "2021-09-05");
    expect(all).toHaveLength(39);
    expect(all[0]).toBe("2021-07-29");
    expect(all.at(-1)).toBe("2021-09-05");
  });

  it("compares days, sorts with compareDays, and picks min and max", () => {
    expect(compareDays("2021-08-01", "2021-08-02")).toBe(-1);
    expect(compareDays("2021-08-02", "2021-08-02")).toBe(0);
    expect(compareDays("2021-09-01", "2021-08-31")).toBe(1);
    expect(["2021-09-01", "2021-07-30", "2021-08-15"].sort(compareDays)).toEqual(["2021-07-30", "2021-08-15", "2021-09-01"]);
    expect(minDay("2021-08-02", "2021-08-01")).toBe("2021-08-01");
    expect(maxDay("2021-08-02", "2021-08-01")).toBe("2021-08-02");
  });

  it("round-trips every day of four centuries through its day number", () => {
    const failures: number[] = [];
    let previous = "";
    for (let n = dayNumber("1900-01-01"); n <= dayNumber("2300-12-31"); n++) {
      const day = dayFromNumber(n);
      // Each day is the one JavaScript's Date (an independent calendar) puts n days after 1970-01-01,
      // maps back to its number, and sorts after the one before (as text, too).
      if (day !== new Date(n * 86_400_000).toISOString().slice(0, 10) || dayNumber(day) !== n || !(day > previous)) failures.push(n);
      previous = day;
    }
    expect(failures).toEqual([]);
  });

  it("rejects what is not a real ISO day, naming the value", () => {
    for (const bad of ["2021-02-30", "2021-02-29", "2021-13-01", "2021-00-10", "2021-8-1", "2021-08-01T00:00:00Z", "01/08/2021", "", " 2021-08-01"]) {
      expect(isDay(bad)).toBe(false);
      expect(() => addDays(bad, 1)).toThrow(JSON.stringify(bad));
    }
    expect(isDay(null)).toBe(false);
    expect(isDay(20210801)).toBe(false);
    expect(() => addDays("2021-08-01", 0.5)).toThrow(/whole number/);
    expect(() => addDays("9999-12-31", 1)).toThrow(RangeError);
    expect(() => daysBetween("2021-08-01", "2021-02-30")).toThrow(/"2021-02-30"/);
  });

  it("knows the Gregorian leap years and month lengths", () => {
    const real = ["2021-08-01", "2020-02-29", "2000-02-29", "2021-04-30", "0001-01-01", "9999-12-31"];
    const unreal = ["2021-02-29", "2021-02-30", "2100-02-29", "1900-02-29", "2021-04-31", "0000-01-01", "2021-1-01", "x"];
    for (const s of real) expect(isDay(s), s).toBe(true);
    for (const s of unreal) expect(isDay(s), s).toBe(false);
  });
});

describe("time-zone independence", () => {
  for (const zone of ZONES) {
    it(`gives the same days with TZ=${zone}`, () => {
      process.env.TZ = zone;
      assertions();
    });
  }

  it("the zones really differ, so the test above proves something", () => {
    const offsets = ZONES.map((zone) => {
      process.env.TZ = zone;
      return new Date(2021, 7, 1).getTimezoneOffset();
    });
    expect(new Set(offsets).size).toBe(ZONES.length);
  });

  it("lib/incident/days.ts never touches Date, so no code path can read the local zone", () => {
    const source = readFileSync(fileURLToPath(new URL("../../lib/incident/days.ts", import.meta.url)), "utf8");
    const code = source.replace(/\/\/.*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, "");
    expect(code).not.toMatch(/\bDate\b/);
  });
});

describe("days asked again (tryDayNumber remembers the last few thousand)", () => {
  it("answers a second and a later asking as the first, valid or not, past the memory's size", () => {
    const asked = ["2021-02-29", "2020-02-29", "2021-8-1", "2021-08-01", "0000-01-01", "9999-12-31", "2021-13-01"];
    const first = asked.map((d) => [isDay(d), isDay(d) ? dayNumber(d) : null]);
    // More distinct days than it keeps, so it forgets and reads them again.
    for (let n = 0; n < 10_000; n++) expect(dayNumber(dayFromNumber(n))).toBe(n);
    expect(asked.map((d) => [isDay(d), isDay(d) ? dayNumber(d) : null])).toEqual(first);
    expect(first).toEqual([[false, null], [true, 18321], [false, null], [true, 18840], [false, null], [true, 2932896], [false, null]]);
  });
});
