import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { dateText, incidentLabel, uniqueLabels } from "@/lib/incident/describe";
import type { IncidentCollection, IncidentProperties } from "@/lib/incident/model";

const base = { location: "Tafas", event_date: "2021-08-26", sub_event_type: "Shelling/artillery/missile attack", event_type: "Explosions/Remote violence" } as IncidentProperties;

describe("words for incidents", () => {
  it("labels with place, date and what", () => {
    expect(incidentLabel(base)).toBe("Tafas, 2021-08-26 — Shelling/artillery/missile attack");
  });
  it("writes ranges and missing dates", () => {
    expect(dateText({ event_date: "2021-08-29", event_date_end: "2021-08-30" })).toBe("2021-08-29 – 2021-08-30");
    expect(dateText({ event_date: null })).toBe("date not given");
  });
  it("numbers repeats so every label is unique", () => {
    expect(uniqueLabels([base, { ...base, location: "Jasim" }, base])).toEqual([
      "Tafas, 2021-08-26 — Shelling/artillery/missile attack (1 of 2)",
      "Jasim, 2021-08-26 — Shelling/artillery/missile attack",
      "Tafas, 2021-08-26 — Shelling/artillery/missile attack (2 of 2)",
    ]);
  });
  it("gives the dataset's incidents unique labels", () => {
    const data = JSON.parse(readFileSync("geodata/incidents.geojson", "utf8")) as IncidentCollection;
    const labels = uniqueLabels(data.features.map((f) => f.properties));
    expect(new Set(labels).size).toBe(data.features.length);
  });
});
