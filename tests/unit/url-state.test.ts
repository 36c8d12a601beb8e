import { describe, expect, it } from "vitest";
import { formatUrlState, layersOn, layersParam, parseUrlState, readUrlState } from "@/lib/url/state";

describe("URL state", () => {
  it("round-trips view, selection and layers", () => {
    const state = { view: { zoom: 11, lat: 32.61222, lng: 36.10083 }, selected: "DAR-007", layers: ["incidents" as const, "siege" as const] };
    const search = formatUrlState(state);
    expect(search).toBe("?map=11/32.61222/36.10083&incident=DAR-007&layers=incidents,siege");
    expect(parseUrlState(search)).toEqual(state);
  });
  it("keeps parameters it does not own", () => {
    expect(formatUrlState({ selected: "a" }, "?from=2021-08-01")).toBe("?from=2021-08-01&incident=a");
  });
  it("ignores malformed or out-of-range views instead of throwing", () => {
    expect(parseUrlState("?map=99/32/36")).toEqual({});
    expect(parseUrlState("?map=10/95/36")).toEqual({});
    expect(parseUrlState("?map=<script>")).toEqual({});
    expect(parseUrlState(`?incident=${"x".repeat(500)}`)).toEqual({});
  });
  it("holds another reference point, and layer lists only when they differ from the defaults", () => {
    expect(formatUrlState({ reference: [36.1, 32.6] })).toBe("?ref=36.100000,32.600000");
    expect(parseUrlState("?ref=36.1,32.6")).toEqual({ reference: [36.1, 32.6] });
    expect(parseUrlState("?ref=36.1,132.6")).toEqual({});
    expect(layersParam(layersOn(undefined))).toBeUndefined();
    expect(layersParam({ ...layersOn(undefined), rings: true })).toEqual(["incidents", "checkpoints", "siege", "rings"]);
  });
  it("names a searched reference point, read back with the rules of any shown text", () => {
    const search = formatUrlState({ reference: [36.1, 32.6], referenceName: "Tafas, Dar‘ā & co" });
    expect(search).toBe("?ref=36.100000,32.600000&refname=Tafas,+Dar%E2%80%98%C4%81+%26+co");
    expect(parseUrlState(search)).toEqual({ reference: [36.1, 32.6], referenceName: "Tafas, Dar‘ā & co" });
    // A name alone is no point; a name is never written without its point.
    expect(readUrlState("?refname=Tafas").dropped.map((d) => d.field)).toEqual(["refname"]);
    expect(formatUrlState({ referenceName: "Tafas" })).toBe("");
    for (const bad of ["Taf%0Aas", "Taf%C2%85as", "%20Tafas", "x".repeat(121)]) {
      const { state, dropped } = readUrlState(`?ref=36.1,32.6&refname=${bad}`);
      expect([state, dropped.map((d) => d.field)]).toEqual([{ reference: [36.1, 32.6] }, ["refname"]]);
    }
    // Characters as a reader counts them: 120 emoji are 240 code units and still short enough.
    expect(parseUrlState(`?ref=36.1,32.6&refname=${encodeURIComponent("🏠".repeat(120))}`).referenceName).toBe("🏠".repeat(120));
  });
  it("drops unknown layer names", () => {
    expect(parseUrlState("?layers=siege,bogus")).toEqual({ layers: ["siege"] });
  });
});
