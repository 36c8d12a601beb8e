import { describe, expect, it } from "vitest";
import { formatUrlState, layersOn, layersParam, parseUrlState } from "@/lib/url/state";

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
  it("drops unknown layer names", () => {
    expect(parseUrlState("?layers=siege,bogus")).toEqual({ layers: ["siege"] });
  });
});
