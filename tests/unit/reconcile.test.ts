// The map's markers: what a view wants (viewMarkers, over a real cluster index) and what turns the drawn
// markers into it (reconcileMarkers).
import { describe, expect, it } from "vitest";
import type { Position } from "geojson";
import { buildClusterIndex, viewItems } from "@/lib/display/cluster";
import { viewMarkers, type IncidentMarker, type ViewMarker, type ViewMarkerContext } from "@/lib/display/view-markers";
import { reconcileMarkers } from "@/lib/display/reconcile";

// Three incidents coded to one spot (a stack) and one 0.2° away: apart from zoom 9 on (145 px at zoom 10).
const anchors: Position[] = [[36.1, 32.6], [36.1, 32.6], [36.1, 32.6], [36.3, 32.8]];
const ids = ["A", "B", "C", "D"];
const index = buildClusterIndex(anchors.map((anchor) => ({ anchor, type: "Battles" as const })));
const BBOX: [number, number, number, number] = [35.9, 32.4, 36.5, 33.0];

function context(extra: Partial<ViewMarkerContext> = {}): ViewMarkerContext {
  return { index, anchor: (i) => anchors[i], id: (i) => ids[i], noise: new Set(), nearSelected: () => true, ...extra };
}
const byKind = (markers: ViewMarker[], kind: ViewMarker["kind"]) => markers.filter((m) => m.kind === kind);
const incidentKeys = (markers: ViewMarker[]) => (byKind(markers, "incident") as IncidentMarker[]).map((m) => [m.key, m.offset, m.fanned]).sort();

describe("viewMarkers", () => {
  it("draws a stack as one cluster and a lone incident as a marker", () => {
    const items = viewItems(index, BBOX, 10);
    const markers = viewMarkers(items, context());
    const clusters = byKind(markers, "cluster");
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({ item: { count: 3, stack: true }, hasSelected: false });
    expect(clusters[0].kind === "cluster" && [...clusters[0].members!].sort()).toEqual([0, 1, 2]);
    expect(incidentKeys(markers)).toEqual([["p:D:0,0", [0, 0], false]]);
    expect(byKind(markers, "dot")).toEqual([]);
  });

  it("an open stack fans its members out around a dot at the true position", () => {
    const markers = viewMarkers(viewItems(index, BBOX, 10), context({ openIndex: 1 }));
    expect(byKind(markers, "cluster")).toEqual([]);
    // The dot stands at the cluster's centre: the spot, to the index's precision (well under a metre).
    const dots = byKind(markers, "dot");
    expect(dots).toHaveLength(1);
    expect(Math.abs(dots[0].kind === "dot" ? dots[0].at[0] - 36.1 : 1)).toBeLessThan(1e-5);
    expect(Math.abs(dots[0].kind === "dot" ? dots[0].at[1] - 32.6 : 1)).toBeLessThan(1e-5);
    // Three on a ring of 26 px, the first straight up, then every 120°.
    const fanned = (byKind(markers, "incident") as IncidentMarker[]).filter((m) => m.fanned);
    expect(fanned.map((m) => m.offset).sort()).toEqual([[-23, 13], [0, -26], [23, 13]].sort());
    expect(fanned.map((m) => ids[m.index]).sort()).toEqual(["A", "B", "C"]);
    // Clusters and dots come before single markers: the order markers are added is the Tab order.
    expect(markers[0].kind).toBe("dot");
  });

  it("marks the cluster that holds the selection, only where it may hold it on screen", () => {
    expect(byKind(viewMarkers(viewItems(index, BBOX, 10), context({ selectedIndex: 2 })), "cluster")[0]).toMatchObject({ hasSelected: true });
    expect(byKind(viewMarkers(viewItems(index, BBOX, 10), context({ selectedIndex: 2, nearSelected: () => false })), "cluster")[0]).toMatchObject({ hasSelected: false });
    expect(byKind(viewMarkers(viewItems(index, BBOX, 10), context({ selectedIndex: 3 })), "cluster")[0]).toMatchObject({ hasSelected: false });
  });

  it("marks the selected incident and the noise", () => {
    const markers = viewMarkers(viewItems(index, BBOX, 10), context({ selectedIndex: 3, noise: new Set(["D"]) }));
    expect(byKind(markers, "incident")).toEqual([{ kind: "incident", key: "p:D:0,0", index: 3, at: [36.3, 32.8], offset: [0, 0], fanned: false, selected: true, noise: true }]);
  });

  it("beyond the last clustered zoom, incidents at one spot still fan out, around a dot", () => {
    const markers = viewMarkers(viewItems(index, BBOX, 16), context());
    expect(byKind(markers, "cluster")).toEqual([]);
    expect(byKind(markers, "dot").map((m) => m.key)).toEqual(["d:36.100000,32.600000"]);
    expect(incidentKeys(markers)).toEqual(
      [
        ["p:A:0,-26", [0, -26], false],
        ["p:B:23,13", [23, 13], false],
        ["p:C:-23,13", [-23, 13], false],
        ["p:D:0,0", [0, 0], false],
      ].sort(),
    );
  });
});

const incident = (id: string, extra: Partial<IncidentMarker> = {}): IncidentMarker => ({
  kind: "incident", key: `p:${id}:0,0`, index: 0, at: [36.1, 32.6], offset: [0, 0], fanned: false, selected: false, noise: false, ...extra,
});
const drawn = (...markers: ViewMarker[]) => new Map(markers.map((m) => [m.key, m]));
const keys = (markers: ViewMarker[]) => markers.map((m) => m.key);

describe("reconcileMarkers", () => {
  it("adds everything to an empty map, in the view's order", () => {
    const next = [incident("b"), incident("a"), { kind: "dot" as const, key: "d:1", at: [36, 32] }];
    expect(reconcileMarkers(new Map(), next)).toEqual({ remove: [], add: next, update: [] });
  });

  it("changes nothing when the view wants what is drawn", () => {
    expect(reconcileMarkers(drawn(incident("a"), incident("b")), [incident("b"), incident("a")])).toEqual({ remove: [], add: [], update: [] });
  });

  it("removes what the view no longer wants and adds what it newly wants", () => {
    const out = reconcileMarkers(drawn(incident("a"), incident("b")), [incident("b"), incident("c")]);
    expect(out.remove).toEqual(["p:a:0,0"]);
    expect(keys(out.add)).toEqual(["p:c:0,0"]);
    expect(out.update).toEqual([]);
  });

  it("restyles in place a marker whose selection, noise or position changed", () => {
    const out = reconcileMarkers(drawn(incident("a"), incident("b"), incident("c")), [incident("a", { selected: true }), incident("b", { noise: true }), incident("c", { at: [36.1, 32.7] })]);
    expect(keys(out.update)).toEqual(["p:a:0,0", "p:b:0,0", "p:c:0,0"]);
    expect(out.add).toEqual([]);
    expect(out.remove).toEqual([]);
  });

  it("marks a cluster that now holds the selection", () => {
    const cluster = { kind: "cluster" as const, key: "c:7", item: { kind: "cluster" as const, id: 7, position: [36, 32], count: 2, counts: [2, 0, 0, 0, 0, 0], stack: false }, members: null };
    const out = reconcileMarkers(drawn({ ...cluster, hasSelected: false }), [{ ...cluster, hasSelected: true }]);
    expect(keys(out.update)).toEqual(["c:7"]);
  });

  it("a new fan offset is a new marker, not a restyle", () => {
    const out = reconcileMarkers(drawn(incident("a")), [incident("a", { key: "p:a:0,-22", offset: [0, -22] })]);
    expect(out.remove).toEqual(["p:a:0,0"]);
    expect(keys(out.add)).toEqual(["p:a:0,-22"]);
  });

  it("takes a key wanted twice once, and leaves its inputs as they were", () => {
    const previous = drawn(incident("a"));
    const next = [incident("b"), incident("b", { selected: true })];
    const out = reconcileMarkers(previous, next);
    expect(out.add).toEqual([incident("b")]);
    expect([...previous.keys()]).toEqual(["p:a:0,0"]);
    expect(next).toHaveLength(2);
  });
});
