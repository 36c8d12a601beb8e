// The per-dataset summary (lib/analysis/summary.ts), counted by hand from small fixtures.
import { describe, expect, it } from "vitest";
import { summarise, UNKNOWN_PLACE } from "@/lib/analysis/summary";
import { countryOfPoint } from "@/lib/analysis/country-of-point";
import { incidentProperties } from "../support/incidents";

const FIXTURE = [
  incidentProperties({ event_id: "a", event_date: "2020-01-30", event_type: "Battles", fatalities: 3, country: "Mali", admin1: "Mopti", geo_precision: 1 }),
  incidentProperties({ event_id: "b", event_date: "2020-02-02", event_date_end: "2020-03-04", event_type: "Riots", fatalities: 0, country: "Mali", admin1: "Gao", geo_precision: 3 }),
  incidentProperties({ event_id: "c", event_date: "2019-12-31", event_type: "Battles", fatalities: 10, country: "Niger", admin1: "Tillabéri", geo_precision: 2 }),
  incidentProperties({ event_id: "d", event_date: null, time_precision: 3, event_type: "Protests", fatalities: 0, country: "Mali", admin1: "Mopti", geo_precision: 3 }),
  // No country column: the division stands alone; neither: unknown.
  incidentProperties({ event_id: "e", event_date: "2020-01-01", event_type: "Battles", fatalities: 1, admin1: "Daraa", geo_precision: 1 }),
  incidentProperties({ event_id: "f", event_date: "2020-01-15", event_type: "Riots", fatalities: 2, admin1: " ", country: "", geo_precision: 1 }),
];

describe("summarise", () => {
  const s = summarise(FIXTURE);

  it("counts the incidents, the killed, the undated and those placed only to a region", () => {
    expect([s.incidents, s.fatalities, s.undated, s.regionOnly]).toEqual([6, 16, 1, 2]);
  });

  it("spans the dated incidents, a range to its last day", () => {
    expect(s.dated).toEqual({ from: "2019-12-31", to: "2020-03-04" });
  });

  it("counts by type, most first and ties by name; by starting month in order", () => {
    expect(s.byType).toEqual([["Battles", 3], ["Riots", 2], ["Protests", 1]]);
    expect(s.byMonth).toEqual([["2019-12", 1], ["2020-01", 3], ["2020-02", 1]]);
  });

  it("counts by the file's country and division, unknown where the file gives none", () => {
    expect(s.byCountry).toEqual([["Mali", 3], [UNKNOWN_PLACE, 2], ["Niger", 1]]);
    expect(s.byDivision).toEqual([["Mopti, Mali", 2], ["Daraa", 1], ["Gao, Mali", 1], ["Tillabéri, Niger", 1], [UNKNOWN_PLACE, 1]]);
    expect(s.countryFromPoint).toBe(0);
  });

  it("where the file gives no country, counts the point's country and says how many came from the point", () => {
    const asked: string[] = [];
    const byPoint = summarise(FIXTURE, {
      country: (p) => {
        asked.push(p.event_id);
        return p.event_id === "e" ? "Syria" : null;
      },
    });
    // Only rows without a country are looked up; a row whose point is in no country stays unknown.
    expect(asked).toEqual(["e", "f"]);
    expect(byPoint.byCountry).toEqual([["Mali", 3], ["Niger", 1], ["Syria", 1], [UNKNOWN_PLACE, 1]]);
    expect(byPoint.countryFromPoint).toBe(1);
    // Without a division from the point, the division is the file's alone.
    expect(byPoint.byDivision).toEqual(s.byDivision);
    expect(byPoint.divisionFromPoint).toBe(0);
  });

  it("where the file gives no division, counts the point's, named with the point's own country", () => {
    const asked: string[] = [];
    const byPoint = summarise(
      [
        ...FIXTURE,
        incidentProperties({ event_id: "g", country: "Mali", admin1: "", geo_precision: 1 }),
        incidentProperties({ event_id: "h", admin1: "", geo_precision: 1 }),
        // The file says Syria; the point lies over the border, in Jordan's Irbid.
        incidentProperties({ event_id: "i", country: "Syria", admin1: "", geo_precision: 1 }),
      ],
      {
        country: (p) => (p.event_id === "f" ? "Syria" : null),
        division: (p) => {
          asked.push(p.event_id);
          return { f: "Daraa, Syria", g: "Timbuktu, Mali", i: "Irbid, Jordan" }[p.event_id];
        },
      },
    );
    // Only rows without admin1 are looked up (a blank one counts as none); not known yet stays unknown.
    expect(asked).toEqual(["f", "g", "h", "i"]);
    expect(byPoint.byDivision).toEqual([
      ["Mopti, Mali", 2],
      ["Daraa", 1],
      ["Daraa, Syria", 1],
      ["Gao, Mali", 1],
      ["Irbid, Jordan", 1],
      ["Tillabéri, Niger", 1],
      ["Timbuktu, Mali", 1],
      [UNKNOWN_PLACE, 1],
    ]);
    expect(byPoint.divisionFromPoint).toBe(3);
    expect(byPoint.countryFromPoint).toBe(1);
  });

  it("an empty dataset (or one filtered to nothing) has no span and no counts", () => {
    expect(summarise([])).toEqual({ incidents: 0, dated: null, undated: 0, regionOnly: 0, fatalities: 0, byType: [], byMonth: [], byCountry: [], countryFromPoint: 0, byDivision: [], divisionFromPoint: 0 });
  });
});

describe("countryOfPoint", () => {
  it("names the country a [lng, lat] point lies in, and none at sea", () => {
    expect(countryOfPoint([36.1, 32.62])).toBe("Syria");
    expect(countryOfPoint([-8.0, 12.65])).toBe("Mali");
    expect(countryOfPoint([30.52, 50.45])).toBe("Ukraine");
    expect(countryOfPoint([-30, -30])).toBeNull();
    expect(countryOfPoint([Number.NaN, 0])).toBeNull();
  });

  it("a dependency's point counts for the country that holds it", () => {
    expect(countryOfPoint([-66.1, 18.4])).toBe("United States of America");
  });
});
