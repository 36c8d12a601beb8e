// A dataset's robust extent and time span, from fixtures: tests/fixtures/dataset/in/*.geojson run through
// robustExtent and timeSpan and compared with out/*.json (REGEN=1 writes them, to review as a diff).
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import type { IncidentCollection } from "@/lib/incident/model";
import { placeIncidents } from "@/lib/incident/place";
import { quantileOf, robustExtent } from "@/lib/dataset/extent";
import { timeSpan } from "@/lib/dataset/span";

const DIR = "tests/fixtures/dataset";
const read = (path: string) => JSON.parse(readFileSync(path, "utf8")) as IncidentCollection;

function describeDataset(fc: IncidentCollection) {
  const placed = placeIncidents(fc.features);
  return { extent: robustExtent(placed.map((p) => p.anchor)), span: timeSpan(fc.features) };
}

describe("robustExtent and timeSpan over the fixtures", () => {
  for (const file of readdirSync(`${DIR}/in`).filter((f) => f.endsWith(".geojson"))) {
    it(file, () => {
      const got = describeDataset(read(`${DIR}/in/${file}`));
      const out = `${DIR}/out/${file.replace(/\.geojson$/, ".json")}`;
      if (process.env.REGEN) writeFileSync(out, `${JSON.stringify(got, null, 1)}\n`);
      expect(got).toEqual(JSON.parse(readFileSync(out, "utf8")));
    });
  }
});

describe("robustExtent", () => {
  it("keeps every incident of a dataset spread over five continents", () => {
    const { extent, span } = describeDataset(read(`${DIR}/in/global-decade.geojson`));
    expect(extent!.outliers).toBe(0);
    [-99.1332, -12.0464, 90.4625, 50.5001].forEach((edge, i) => expect(extent!.bbox[i]).toBeCloseTo(edge, 6));
    expect(span).toEqual({ from: "2015-01-05", to: "2024-12-20", dated: 20, undated: 0 });
  });

  it("leaves out three far-off incidents of a dataset on the Syrian coast, and counts them", () => {
    const { extent } = describeDataset(read(`${DIR}/in/coast-outliers.geojson`));
    expect(extent!.outliers).toBe(3);
    expect(extent!.framed).toBe(40);
    const [w, s, e, n] = extent!.bbox;
    expect(w).toBeGreaterThan(35.7);
    expect(e).toBeLessThan(36.2);
    expect(s).toBeGreaterThan(34.8);
    expect(n).toBeLessThan(35.7);
  });

  it("finds the Daraa dataset's three incidents in the north (Idlib, Aleppo; 330 km and more) far off from its 36 in the south", () => {
    const fc = read("geodata/incidents.geojson");
    const extent = robustExtent(placeIncidents(fc.features).map((p) => p.anchor))!;
    expect(extent.outliers).toBe(3);
    expect(extent.framed).toBe(fc.features.length - 3);
    expect(extent.bbox[3]).toBeLessThan(34);
  });

  it("never leaves out a point within minKm of the rest, however tight the rest is", () => {
    const points = [...Array.from({ length: 50 }, () => [36, 32]), [36.5, 32.5]];
    expect(robustExtent(points)!.outliers).toBe(0);
    expect(robustExtent(points, { minKm: 10 })!.outliers).toBe(1);
  });

  it("is null for no incidents, and a point for one", () => {
    expect(robustExtent([])).toBeNull();
    expect(robustExtent([[10, 20]])).toEqual({ bbox: [10, 20, 10, 20], framed: 1, outliers: 0 });
  });
});

describe("quantileOf", () => {
  // The oracle: the quantile read off a full sort, interpolated between neighbours.
  const sortedQuantile = (values: Float64Array, q: number) => {
    const s = values.slice().sort();
    const at = (s.length - 1) * q;
    const lo = Math.floor(at), hi = Math.ceil(at);
    return s[lo] + (s[hi] - s[lo]) * (at - lo);
  };
  it("is the sorted values' quantile, for runs of repeats, sorted and reversed inputs and every length", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let n = 1; n <= 300; n += 7) {
      const inputs = [
        Float64Array.from({ length: n }, () => random() * 360 - 180),
        Float64Array.from({ length: n }, () => Math.floor(random() * 4)),
        Float64Array.from({ length: n }, (_, i) => i),
        Float64Array.from({ length: n }, (_, i) => n - i),
      ];
      for (const values of inputs) for (const q of [0, 0.1, 0.5, 0.9, 1]) expect(quantileOf(values.slice(), q)).toBe(sortedQuantile(values, q));
    }
  });
});

describe("timeSpan", () => {
  it("counts undated incidents and spans ranged ones to their end", () => {
    const props = (event_date: string | null, event_date_end?: string) => ({ properties: { event_date, event_date_end } as never });
    expect(timeSpan([props(null), props("2020-05-01", "2020-06-01"), props("2019-01-01")])).toEqual({ from: "2019-01-01", to: "2020-06-01", dated: 2, undated: 1 });
    expect(timeSpan([props(null)])).toEqual({ from: null, to: null, dated: 0, undated: 1 });
  });
});
