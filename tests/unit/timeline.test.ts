import { describe, expect, it } from "vitest";
import type { IncidentProperties } from "@/lib/incident/model";
import { incidentProperties } from "../support/incidents";
import { dailyHistogram, datasetSpan, phasesFromIncidents, playbackWindow, type DayBin } from "@/lib/display/timeline";

const feature = (overrides: Partial<IncidentProperties> & { event_id: string }) => ({ properties: incidentProperties(overrides) });

const FEATURES = [
  feature({ event_id: "A", event_date: "2021-07-29", fatalities: 2 }),
  feature({ event_id: "B", event_date: "2021-07-29", event_type: "Explosions/Remote violence", fatalities: 1 }),
  feature({ event_id: "C", event_date: "2021-07-30", event_date_end: "2021-07-31", time_precision: 2, event_type: "Strategic developments", fatalities: 4 }),
  feature({ event_id: "D", event_date: "2021-08-01", event_date_end: "2021-08-03", time_precision: 2, fatalities: 3 }),
  feature({ event_id: "E", event_date: null, time_precision: 3 }),
  feature({ event_id: "F", event_date: "2021-08-03" }),
];

const exact = (bin: DayBin) => Object.values(bin.byType).reduce((s, n) => s + (n ?? 0), 0);
const sum = (bins: DayBin[], f: (b: DayBin) => number) => bins.reduce((s, b) => s + f(b), 0);
const bin = (bins: DayBin[], day: string) => bins.find((b) => b.day === day)!;

describe("datasetSpan", () => {
  it("runs from the first event_date to the last event_date_end", () => {
    expect(datasetSpan(FEATURES)).toEqual({ from: "2021-07-29", to: "2021-08-03" });
    expect(datasetSpan([feature({ event_id: "X", event_date: "2021-08-05", event_date_end: "2021-09-10" }), feature({ event_id: "Y", event_date: "2021-08-20" })])).toEqual({
      from: "2021-08-05",
      to: "2021-09-10",
    });
  });

  it("is null when nothing is dated", () => {
    expect(datasetSpan([])).toBeNull();
    expect(datasetSpan([feature({ event_id: "E", event_date: null })])).toBeNull();
  });
});

describe("dailyHistogram", () => {
  const h = dailyHistogram(FEATURES);

  it("has one bin per day of the dataset's span", () => {
    expect(h.span).toEqual({ from: "2021-07-29", to: "2021-08-03" });
    expect(h.bins.map((b) => b.day)).toEqual(["2021-07-29", "2021-07-30", "2021-07-31", "2021-08-01", "2021-08-02", "2021-08-03"]);
  });

  it("counts exact days by event type", () => {
    expect(bin(h.bins, "2021-07-29").byType).toEqual({ Battles: 1, "Explosions/Remote violence": 1 });
    expect(bin(h.bins, "2021-07-29").uncertain).toBe(0);
    expect(bin(h.bins, "2021-08-03").byType).toEqual({ Battles: 1 });
  });

  it("counts a file's own categories by their own names, even one named __proto__ or constructor", () => {
    const own = dailyHistogram(["Shelling", "Shelling", "Unclassified", "__proto__", "constructor"].map((event_type, i) => feature({ event_id: `O${i}`, event_date: "2021-08-01", event_type })));
    const b = own.bins[0];
    expect(Object.getPrototypeOf(b.byType)).toBeNull();
    expect(Object.entries(b.byType)).toEqual([["Shelling", 2], ["Unclassified", 1], ["__proto__", 1], ["constructor", 1]]);
    expect(exact(b)).toBe(5);
  });

  it("spreads a range over its days as uncertain, 1/n each, so it counts once", () => {
    expect(bin(h.bins, "2021-07-30").uncertain).toBe(0.5);
    expect(bin(h.bins, "2021-07-31").uncertain).toBe(0.5);
    expect(bin(h.bins, "2021-07-30").byType).toEqual({});
    expect(bin(h.bins, "2021-07-30").uncertainByType).toEqual({ "Strategic developments": 0.5 });
    for (const day of ["2021-08-01", "2021-08-02", "2021-08-03"]) expect(bin(h.bins, day).uncertain).toBeCloseTo(1 / 3, 12);
  });

  it("spreads fatalities the same way", () => {
    expect(bin(h.bins, "2021-07-29").fatalities).toBe(3);
    expect(bin(h.bins, "2021-07-30").fatalities).toBe(2);
    expect(bin(h.bins, "2021-08-02").fatalities).toBeCloseTo(1, 12);
    expect(sum(h.bins, (b) => b.fatalities)).toBeCloseTo(10, 12);
  });

  it("sums: exact + uncertain equals the number of dated incidents; undated are counted apart", () => {
    expect(sum(h.bins, (b) => exact(b) + b.uncertain)).toBeCloseTo(5, 12);
    expect(h.undated).toBe(1);
    expect(h.outside).toBe(0);
  });

  it("with an explicit span, shares outside it are reported, not lost", () => {
    const part = dailyHistogram(FEATURES, { from: "2021-07-31", to: "2021-08-01" });
    expect(part.bins.map((b) => b.day)).toEqual(["2021-07-31", "2021-08-01"]);
    // Inside: half of C and a third of D. Outside: A, B, F, half of C, two thirds of D.
    expect(sum(part.bins, (b) => exact(b) + b.uncertain)).toBeCloseTo(0.5 + 1 / 3, 12);
    expect(part.outside).toBeCloseTo(3 + 0.5 + 2 / 3, 12);
    expect(sum(part.bins, (b) => exact(b) + b.uncertain) + part.outside).toBeCloseTo(5, 12);
  });

  it("keeps empty days in a wider span, and has no bins and a null span for no dated data", () => {
    const wide = dailyHistogram(FEATURES, { from: "2021-07-01", to: "2021-09-30" });
    expect(wide.bins).toHaveLength(92);
    expect(bin(wide.bins, "2021-07-01")).toEqual({ day: "2021-07-01", byType: {}, uncertain: 0, uncertainByType: {}, fatalities: 0 });
    expect(dailyHistogram([feature({ event_id: "E", event_date: null })])).toEqual({ bins: [], undated: 1, span: null, outside: 0 });
  });

  it("rejects a reversed or malformed span, naming it", () => {
    expect(() => dailyHistogram(FEATURES, { from: "2021-08-02", to: "2021-08-01" })).toThrow(/2021-08-01 is before span.from 2021-08-02/);
    expect(() => dailyHistogram(FEATURES, { from: "2021-02-30", to: "2021-03-01" })).toThrow(/2021-02-30/);
  });

  it("gives the same bins in every time zone", () => {
    const original = process.env.TZ;
    try {
      const results = ["Pacific/Kiritimati", "America/Anchorage", "Asia/Kathmandu"].map((zone) => {
        process.env.TZ = zone;
        return JSON.stringify(dailyHistogram(FEATURES));
      });
      expect(new Set(results).size).toBe(1);
      expect(JSON.parse(results[0]).bins[0].day).toBe("2021-07-29");
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });

  it("does not mutate its input", () => {
    const snapshot = JSON.stringify(FEATURES);
    dailyHistogram(FEATURES);
    phasesFromIncidents(FEATURES);
    expect(JSON.stringify(FEATURES)).toBe(snapshot);
  });
});

describe("playbackWindow", () => {
  const span = { from: "2021-07-29", to: "2021-09-05" };

  it("cumulative: from the first day to day i", () => {
    expect(playbackWindow(span, 0, "cumulative", 7)).toEqual({ from: "2021-07-29", to: "2021-07-29", done: false });
    expect(playbackWindow(span, 3, "cumulative", 7)).toEqual({ from: "2021-07-29", to: "2021-08-01", done: false });
    expect(playbackWindow(span, 38, "cumulative", 7)).toEqual({ from: "2021-07-29", to: "2021-09-05", done: true });
  });

  it("sliding: the last windowDays days, clamped at the start", () => {
    expect(playbackWindow(span, 0, "sliding", 7)).toEqual({ from: "2021-07-29", to: "2021-07-29", done: false });
    expect(playbackWindow(span, 6, "sliding", 7)).toEqual({ from: "2021-07-29", to: "2021-08-04", done: false });
    expect(playbackWindow(span, 7, "sliding", 7)).toEqual({ from: "2021-07-30", to: "2021-08-05", done: false });
    expect(playbackWindow(span, 38, "sliding", 7)).toEqual({ from: "2021-08-30", to: "2021-09-05", done: true });
    expect(playbackWindow(span, 10, "sliding", 1)).toEqual({ from: "2021-08-08", to: "2021-08-08", done: false });
  });

  it("stays on the last day past the end, and a one-day span is done at once", () => {
    expect(playbackWindow(span, 100, "sliding", 3)).toEqual({ from: "2021-09-03", to: "2021-09-05", done: true });
    expect(playbackWindow({ from: "2021-08-01", to: "2021-08-01" }, 0, "cumulative", 1)).toEqual({ from: "2021-08-01", to: "2021-08-01", done: true });
  });

  it("rejects negative or fractional steps and windows under a day", () => {
    expect(() => playbackWindow(span, -1, "cumulative", 7)).toThrow(/step must be a whole number ≥ 0, got -1/);
    expect(() => playbackWindow(span, 1.5, "cumulative", 7)).toThrow(/got 1.5/);
    expect(() => playbackWindow(span, 0, "sliding", 0)).toThrow(/windowDays must be a whole number ≥ 1, got 0/);
  });
});

describe("phasesFromIncidents", () => {
  it("groups incidents by their phase property; the band spans the group's days", () => {
    const phases = phasesFromIncidents([
      feature({ event_id: "1", phase: "offensive", event_date: "2021-07-29" }),
      feature({ event_id: "2", phase: "offensive", event_date: "2021-09-01", event_date_end: "2021-09-05" }),
      feature({ event_id: "3", phase: "offensive", event_date: null }),
      feature({ event_id: "4", phase: "background", event_date: "2018-01-01", event_date_end: "2018-12-31" }),
    ]);
    expect(phases).toEqual([
      { id: "phase:background", name: "Background", kind: "other", from: "2018-01-01", to: "2018-12-31", event_ids: ["4"] },
      { id: "phase:offensive", name: "Offensive", kind: "offensive", from: "2021-07-29", to: "2021-09-05", event_ids: ["1", "2", "3"] },
    ]);
  });

  it("reads phase_kind, phase_from and phase_to first", () => {
    const [siege] = phasesFromIncidents([
      feature({ event_id: "1", phase: "Siege of Daraa al-Balad", phase_kind: "siege", phase_from: "2021-06-24", phase_to: "2021-09-06", event_date: null }),
      feature({ event_id: "2", phase: "Siege of Daraa al-Balad", phase_kind: "truce", event_date: "2021-08-10" }),
    ]);
    expect(siege).toEqual({ id: "phase:siege-of-daraa-al-balad", name: "Siege of Daraa al-Balad", kind: "siege", from: "2021-06-24", to: "2021-09-06", event_ids: ["1", "2"] });
  });

  it("falls back to Agreements: a ceasefire over its range, a truce on its day, undated negotiations unbounded", () => {
    const agreement = (o: Partial<IncidentProperties> & { event_id: string }) =>
      feature({ event_type: "Strategic developments", sub_event_type: "Agreement", time_precision: 2, ...o });
    const phases = phasesFromIncidents([
      agreement({ event_id: "T", event_date: "2021-09-01", source_quote: "the insurgents agreed to a truce on September 1" }),
      agreement({ event_id: "C", event_date: "2021-07-30", event_date_end: "2021-07-31", source_quote: "Both sides agreed to a ceasefire for 30–31 July after negotiations organized by the Russians." }),
      agreement({ event_id: "N", event_date: null, time_precision: 3, source_quote: "the negotiation committees of Daraa and the Syrian government reached an agreement" }),
      agreement({ event_id: "R", event_date: "2018-07-01", source_quote: "Reconciliation deals were made." }),
      agreement({ event_id: "K", event_date: "2021-08-25", phase_kind: "other", source_quote: "a truce was agreed" }),
      feature({ event_id: "O", event_date: "2021-08-01", sub_event_type: "Other", event_type: "Strategic developments", source_quote: "a ceasefire" }),
    ]);
    expect(phases.map((p) => [p.id, p.kind, p.from, p.to])).toEqual([
      ["ceasefire:C", "ceasefire", "2021-07-30", "2021-07-31"],
      ["truce:T", "truce", "2021-09-01", "2021-09-01"],
      ["negotiations:N", "negotiations", null, null],
    ]);
    expect(phases[0].source_quote).toMatch(/^Both sides agreed to a ceasefire/);
    expect(phases[0].name).toBe("Ceasefire");
  });

  it("uses notes when an agreement has no quote, and gives an agreement inside a phase its own band too", () => {
    const phases = phasesFromIncidents([
      feature({ event_id: "1", phase: "offensive", event_date: "2021-07-29" }),
      feature({ event_id: "2", phase: "offensive", event_date: "2021-08-25", event_type: "Strategic developments", sub_event_type: "Agreement", notes: "A cease-fire was agreed." }),
    ]);
    expect(phases.map((p) => p.id)).toEqual(["phase:offensive", "ceasefire:2"]);
  });

  it("is empty for data without phases or agreements", () => {
    expect(phasesFromIncidents(FEATURES)).toEqual([]);
  });
});
