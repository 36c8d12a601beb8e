// The explorer's state (components/explorer/state.ts): what a link opens, what each action means, which
// actions the history records, and the URL that shares the state.
import { readLink } from "@/lib/url/state";
import { describe, expect, it } from "vitest";
import { historyEntry, reduce, shareableSearch, stateFromUrl, type ExplorerAction, type ExplorerState } from "@/components/explorer/state";

const LINK = "?map=13/32.61222/36.10083&incident=DAR-007&layers=incidents,rings&ref=36.2,32.7&types=Battles&from=2021-08-01";
const bare = () => stateFromUrl("");

describe("stateFromUrl", () => {
  it("opens what a link names", () => {
    const s = stateFromUrl(LINK);
    expect(s.selectedId).toBe("DAR-007");
    expect(s.layers).toEqual({ incidents: true, checkpoints: false, siege: false, rings: true, hotspots: false });
    expect(s.filter).toEqual({ from: "2021-08-01", types: ["Battles"] });
    expect(s.reference).toEqual([36.2, 32.7]);
    expect(s.view).toEqual({ zoom: 13, lat: 32.61222, lng: 36.10083 });
    expect(s.link).toEqual({ selected: "DAR-007", view: { zoom: 13, lat: 32.61222, lng: 36.10083 } });
    expect(s.bbox).toBeNull();
  });

  it("opens the defaults for a bare URL, and ignores what is malformed", () => {
    expect(bare()).toMatchObject({ selectedId: null, filter: {}, reference: null, view: null, link: null, picking: false, tileStatus: "loading", wholeSpan: false });
    expect(bare().layers).toEqual({ incidents: true, checkpoints: true, siege: true, rings: false, hotspots: false });
    expect(stateFromUrl("?map=99/1/1&from=yesterday")).toMatchObject({ view: null, filter: {} });
  });
});

describe("reduce", () => {
  it("chooses and clears an incident, toggles a layer, sets the filter", () => {
    let s = reduce(bare(), { type: "incidentChosen", id: "X" });
    expect(s.selectedId).toBe("X");
    s = reduce(s, { type: "layerToggled", layer: "rings", on: true });
    expect(s.layers.rings).toBe(true);
    s = reduce(s, { type: "filterChanged", filter: { fatalities: "some" } });
    expect(s.filter).toEqual({ fatalities: "some" });
    expect(reduce(s, { type: "incidentChosen", id: null }).selectedId).toBeNull();
  });

  it("a timeline range keeps the rest of the filter", () => {
    const s = reduce(stateFromUrl("?types=Battles&from=2021-01-01"), { type: "rangeChanged", range: { from: "2021-08-01", to: "2021-08-02" }, commit: false });
    expect(s.filter).toEqual({ types: ["Battles"], from: "2021-08-01", to: "2021-08-02" });
  });

  it("a picked point becomes the reference, to 6 decimals, and ends picking", () => {
    const picking = reduce(bare(), { type: "pickToggled" });
    expect(picking.picking).toBe(true);
    const s = reduce(picking, { type: "pointPicked", lng: 36.12345678, lat: 32.98765432 });
    expect(s.reference).toEqual([36.123457, 32.987654]);
    expect(s.picking).toBe(false);
    expect(reduce(s, { type: "referenceReset" }).reference).toBeNull();
    expect(reduce(s, { type: "measuredFrom", anchor: [36.5, 32.5] }).reference).toEqual([36.5, 32.5]);
  });

  it("records the map's view and box", () => {
    const s = reduce(bare(), { type: "mapMoved", view: { lng: 36, lat: 32, zoom: 9 }, bbox: [35, 31, 37, 33] });
    expect(s.view).toEqual({ lng: 36, lat: 32, zoom: 9 });
    expect(s.bbox).toEqual([35, 31, 37, 33]);
  });

  it("once a tile has loaded, the map stays online", () => {
    const online = reduce(bare(), { type: "tilesReported", status: "online" });
    expect(reduce(online, { type: "tilesReported", status: "offline" }).tileStatus).toBe("online");
    expect(reduce(bare(), { type: "tilesReported", status: "offline" }).tileStatus).toBe("offline");
  });

  it("Back and Forward restore what the URL holds, and move the map when it names a view", () => {
    const s = reduce({ ...stateFromUrl(LINK), picking: true }, { type: "historyNavigated", search: "?map=10/32.5/36.2&fatal=none" });
    expect(s).toMatchObject({ selectedId: null, filter: { fatalities: "none" }, reference: null, flyTo: { zoom: 10, lat: 32.5, lng: 36.2 }, picking: true });
    expect(s.layers.rings).toBe(false);
    const before = { ...bare(), flyTo: { zoom: 5, lat: 1, lng: 2 } };
    expect(reduce(before, { type: "historyNavigated", search: "?incident=Y" }).flyTo).toBe(before.flyTo);
  });

  describe("a link's incident, once the dataset has come", () => {
    const opened = stateFromUrl("?incident=DAR-007");
    it("is flown to when the link names no view", () => {
      const s = reduce(opened, { type: "linkedIncidentFound", anchor: [36.1, 32.6] });
      expect(s.flyTo).toEqual({ lng: 36.1, lat: 32.6, zoom: 12 });
      expect(s.selectedId).toBe("DAR-007");
      expect(s.link).toBeNull();
    });
    it("stays where the link's view is, when it names one", () => {
      const s = reduce(stateFromUrl("?incident=DAR-007&map=9/32/36"), { type: "linkedIncidentFound", anchor: [36.1, 32.6] });
      expect(s.flyTo).toBeNull();
      expect(s.selectedId).toBe("DAR-007");
    });
    it("is dropped when the dataset has no such incident", () => {
      expect(reduce(opened, { type: "linkedIncidentFound", anchor: null })).toMatchObject({ selectedId: null, link: null, missingIncident: "DAR-007" });
    });
    it("is no longer missing once the user chooses an incident", () => {
      const missing = reduce(opened, { type: "linkedIncidentFound", anchor: null });
      expect(reduce(missing, { type: "incidentChosen", id: "DAR-001" }).missingIncident).toBeNull();
    });
    it("leaves alone a selection the user made meanwhile", () => {
      const chosen = reduce(opened, { type: "incidentChosen", id: "OTHER" });
      expect(reduce(chosen, { type: "linkedIncidentFound", anchor: null })).toMatchObject({ selectedId: "OTHER", flyTo: null, link: null });
    });
    it("means nothing without a link", () => {
      const s = bare();
      expect(reduce(s, { type: "linkedIncidentFound", anchor: [1, 2] })).toBe(s);
    });
  });
});

describe("historyEntry", () => {
  it("pushes choices, replaces moves, playback and corrections, and leaves the URL alone otherwise", () => {
    const cases: [ExplorerAction, "push" | "replace" | null][] = [
      [{ type: "incidentChosen", id: "a" }, "push"],
      [{ type: "layerToggled", layer: "rings", on: true }, "push"],
      [{ type: "filterChanged", filter: {} }, "push"],
      [{ type: "rangeChanged", range: {}, commit: true }, "push"],
      [{ type: "rangeChanged", range: {}, commit: false }, "replace"],
      [{ type: "pointPicked", lng: 1, lat: 2 }, "push"],
      [{ type: "measuredFrom", anchor: [1, 2] }, "push"],
      [{ type: "referenceReset" }, "push"],
      [{ type: "mapMoved", view: { lng: 1, lat: 2, zoom: 3 }, bbox: [0, 0, 1, 1] }, "replace"],
      [{ type: "linkedIncidentFound", anchor: null }, "replace"],
      [{ type: "pickToggled" }, null],
      [{ type: "tilesReported", status: "online" }, null],
      [{ type: "spanToggled" }, null],
      [{ type: "historyNavigated", search: "" }, null],
      [{ type: "hotspotOptionsChanged", options: { radiusKm: 1, minPoints: 2 } }, null],
    ];
    for (const [action, mode] of cases) expect([action.type, historyEntry(action)]).toEqual([action.type, mode]);
  });
});

describe("shareableSearch", () => {
  const state: ExplorerState = {
    ...bare(),
    selectedId: "DAR-007",
    layers: { incidents: true, checkpoints: false, siege: true, rings: true, hotspots: false },
    filter: { from: "2021-08-01", to: "2021-08-31", types: ["Battles"], fatalities: "some" },
    reference: [36.2, 32.7],
    view: { zoom: 13, lat: 32.61222, lng: 36.10083 },
  };

  it("writes the state as the link the page shares, keeping parameters not its own", () => {
    expect(shareableSearch(state, "?utm=x")).toBe(
      "?utm=x&map=13/32.61222/36.10083&incident=DAR-007&layers=incidents,siege,rings&ref=36.200000,32.700000&from=2021-08-01&to=2021-08-31&types=Battles&fatal=some",
    );
  });

  it("writes nothing for the defaults, and drops what the state no longer holds", () => {
    expect(shareableSearch(bare(), "")).toBe("");
    expect(shareableSearch(bare(), "?incident=a&types=Battles&map=1/2/3")).toBe("");
  });

  it("keeps naming the link's datasets and keys, so the link reopens them", () => {
    const search = shareableSearch(state, "?dataset=daraa-2021,acled-2020-k3x9&key=Abc_12-xQrst-UVwxyz09");
    expect(search).toMatch(/^\?dataset=daraa-2021,acled-2020-k3x9&key=Abc_12-xQrst-UVwxyz09&map=/);
    expect(readLink(search).datasets).toMatchObject({ datasets: ["daraa-2021", "acled-2020-k3x9"], keys: ["Abc_12-xQrst-UVwxyz09"], named: true });
  });

  it("opens again as the same state", () => {
    const again = stateFromUrl(shareableSearch(state, ""));
    expect([again.selectedId, again.layers, again.filter, again.reference, again.view]).toEqual([state.selectedId, state.layers, state.filter, state.reference, state.view]);
  });

  it("a place searched by name and measured from reopens with its name, also on Back and Forward", () => {
    const found = reduce(bare(), { type: "placeFound", coordinates: [36.05, 32.74], name: "Tafas" });
    const measured = reduce(found, { type: "placeMeasured" });
    const link = shareableSearch(measured, "");
    expect(link).toContain("refname=Tafas");
    expect([stateFromUrl(link).reference, stateFromUrl(link).referenceName]).toEqual([[36.05, 32.74], "Tafas"]);
    expect(reduce(bare(), { type: "historyNavigated", search: link }).referenceName).toBe("Tafas");
    // A clicked point has no name: the link carries none.
    expect(shareableSearch(reduce(measured, { type: "pointPicked", lng: 36, lat: 32 }), "")).not.toContain("refname");
  });
});

describe("framing", () => {
  const BOX: [number, number, number, number] = [-10, -5, 10, 5];
  it("the datasets opened are framed once, unless the link carries its own view", () => {
    const s = reduce(bare(), { type: "datasetsOpened", bbox: BOX, outliers: 2 });
    expect([s.framed, s.fitTo, s.frameOutliers]).toEqual([true, BOX, 2]);
    expect(reduce(s, { type: "datasetsOpened", bbox: [0, 0, 1, 1], outliers: 0 })).toBe(s);
    const linked = reduce(stateFromUrl("?map=6/34.5/37"), { type: "datasetsOpened", bbox: BOX, outliers: 0 });
    expect([linked.framed, linked.fitTo]).toEqual([true, null]);
    expect(reduce(bare(), { type: "datasetsOpened", bbox: null, outliers: 0 }).fitTo).toBeNull();
  });

  it("an import or 'Zoom to' frames its box and remembers the view it left, which 'Back' flies to", () => {
    const here = reduce(bare(), { type: "mapMoved", view: { lng: 36, lat: 32, zoom: 9 }, bbox: [35, 31, 37, 33] });
    const framed = reduce(here, { type: "datasetFramed", bbox: BOX, outliers: 0 });
    expect([framed.fitTo, framed.previousView]).toEqual([BOX, { lng: 36, lat: 32, zoom: 9 }]);
    const back = reduce(framed, { type: "previousViewRestored" });
    expect([back.flyTo, back.previousView]).toEqual([{ lng: 36, lat: 32, zoom: 9 }, null]);
    expect(reduce(back, { type: "previousViewRestored" })).toBe(back);
    expect(historyEntry({ type: "datasetFramed", bbox: BOX, outliers: 0 })).toBeNull();
  });

  it("a place found is flown to, and becomes the reference with its name on 'Measure from here'", () => {
    const found = reduce(bare(), { type: "placeFound", coordinates: [36.8219, -1.2921], name: "Nairobi" });
    expect(found.flyTo).toEqual({ lng: 36.8219, lat: -1.2921, zoom: 11 });
    expect(found.reference).toBeNull();
    const measured = reduce(found, { type: "placeMeasured" });
    expect([measured.reference, measured.referenceName]).toEqual([[36.8219, -1.2921], "Nairobi"]);
    expect(historyEntry({ type: "placeMeasured" })).toBe("push");
    expect(reduce(measured, { type: "pointPicked", lng: 1, lat: 2 }).referenceName).toBeNull();
    expect(reduce(measured, { type: "referenceReset" })).toMatchObject({ reference: null, referenceName: null });
  });

  it("context areas are switched off and on by key", () => {
    const off = reduce(bare(), { type: "contextToggled", key: "saved:daraa-2021/governorate", on: false });
    expect(off.contextOff).toEqual(["saved:daraa-2021/governorate"]);
    expect(reduce(off, { type: "contextToggled", key: "saved:daraa-2021/governorate", on: true }).contextOff).toEqual([]);
  });

  it("datasets are switched off and on by key, once each, and the link does not record it", () => {
    let s = reduce(bare(), { type: "datasetToggled", key: "saved:daraa-2021", on: false });
    s = reduce(s, { type: "datasetToggled", key: "local:IMP1", on: false });
    s = reduce(s, { type: "datasetToggled", key: "local:IMP1", on: false });
    expect(s.hiddenDatasets).toEqual(["saved:daraa-2021", "local:IMP1"]);
    expect(reduce(s, { type: "datasetToggled", key: "saved:daraa-2021", on: true }).hiddenDatasets).toEqual(["local:IMP1"]);
    expect(historyEntry({ type: "datasetToggled", key: "local:IMP1", on: false })).toBeNull();
    expect(shareableSearch(s, "?dataset=daraa-2021")).toBe("?dataset=daraa-2021");
    // Back and Forward restore what the link holds, and leave the switches as they are.
    expect(reduce(s, { type: "historyNavigated", search: "?types=Battles" }).hiddenDatasets).toEqual(s.hiddenDatasets);
  });
});
