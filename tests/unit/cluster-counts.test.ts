// lib/display/cluster.ts sums per-type counts from supercluster's internals (lib/display/supercluster-internals.ts);
// these tests hold it to supercluster's own map/reduce, copied below as the reference: the same items for
// every view (ids, positions, counts, per-type counts, stack flags), the same members and expansion zooms
// for every cluster, and counts that are the members' types. They also pin the supercluster version whose
// internals are read, and make the module's checks fire when those internals change.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import Supercluster from "supercluster";
import { afterEach, describe, expect, it } from "vitest";
import type { Position } from "geojson";
import {
  buildClusterIndex,
  buildClusterIndexOf,
  clusterInput,
  clusterMembers,
  expansionZoom,
  packClusterIndex,
  unpackClusterIndex,
  viewItems,
  CLUSTER_MAX_ZOOM,
  CLUSTER_RADIUS,
  type ClusterIndex,
  type ViewItem,
} from "@/lib/display/cluster";
import { EVENT_TYPES, type AcledEventType } from "@/lib/incident/model";
import type { BBox } from "@/lib/geo/bbox";
import { clusterTypeCounts } from "@/lib/display/supercluster-internals";

// ---- Reference: supercluster with map/reduce, one properties object per point. ----
type CountProps = { c0: number; c1: number; c2: number; c3: number; c4: number; c5: number };
const COUNT_KEYS = ["c0", "c1", "c2", "c3", "c4", "c5"] as const;
interface PointProps {
  i: number;
  t: number;
}
type RefIndex = Supercluster<PointProps, CountProps>;
const TYPE_INDEX = new Map<AcledEventType, number>(EVENT_TYPES.map((t, i) => [t, i]));

function refBuild(items: readonly { anchor: Position; type: AcledEventType }[]): RefIndex {
  const index: RefIndex = new Supercluster<PointProps, CountProps>({
    radius: CLUSTER_RADIUS,
    maxZoom: CLUSTER_MAX_ZOOM,
    minPoints: 2,
    map: (p) => ({ c0: p.t === 0 ? 1 : 0, c1: p.t === 1 ? 1 : 0, c2: p.t === 2 ? 1 : 0, c3: p.t === 3 ? 1 : 0, c4: p.t === 4 ? 1 : 0, c5: p.t === 5 ? 1 : 0 }),
    reduce: (acc, p) => {
      acc.c0 += p.c0;
      acc.c1 += p.c1;
      acc.c2 += p.c2;
      acc.c3 += p.c3;
      acc.c4 += p.c4;
      acc.c5 += p.c5;
    },
  });
  index.load(
    items.map((item, i) => ({
      type: "Feature" as const,
      geometry: { type: "Point" as const, coordinates: [item.anchor[0], item.anchor[1]] },
      properties: { i, t: TYPE_INDEX.get(item.type) ?? 0 },
    })),
  );
  return index;
}

function refView(index: RefIndex, bbox: BBox, zoom: number): ViewItem[] {
  const z = Math.floor(zoom);
  return index.getClusters(bbox, z).map((f): ViewItem => {
    const p = f.properties as Partial<Supercluster.ClusterProperties> & Partial<CountProps> & { i?: number; t?: number };
    if (p.cluster) {
      const id = p.cluster_id!;
      return {
        kind: "cluster",
        id,
        position: f.geometry.coordinates,
        count: p.point_count!,
        counts: COUNT_KEYS.map((k) => p[k] ?? 0),
        stack: index.getClusterExpansionZoom(id) > CLUSTER_MAX_ZOOM,
      };
    }
    return { kind: "point", index: p.i!, position: f.geometry.coordinates };
  });
}

const refMembers = (index: RefIndex, id: number) => index.getLeaves(id, Infinity).map((f) => (f.properties as PointProps).i);
const refExpansion = (index: RefIndex, id: number) => Math.min(index.getClusterExpansionZoom(id), CLUSTER_MAX_ZOOM + 1);

// ---- Fixtures ----
type Item = { anchor: [number, number]; type: AcledEventType };
const SYRIA: BBox = [35.6, 32.3, 42.4, 37.4];

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

type Mix = (rand: () => number, i: number) => AcledEventType;
const MIXES: Record<string, Mix> = {
  "round robin": (_, i) => EVENT_TYPES[i % EVENT_TYPES.length],
  "all one type": () => "Riots",
  "skewed": (rand) => EVENT_TYPES[Math.min(5, Math.floor(rand() ** 3 * 6))],
  "two types": (rand) => (rand() < 0.5 ? "Battles" : "Strategic developments"),
};

/** Uniform over Syria's box. */
function uniform(n: number, seed: number, mix: Mix): Item[] {
  const rand = rng(seed);
  return Array.from({ length: n }, (_, i) => ({ anchor: [SYRIA[0] + rand() * (SYRIA[2] - SYRIA[0]), SYRIA[1] + rand() * (SYRIA[3] - SYRIA[1])], type: mix(rand, i) }));
}

/** Like the synthetic data: most points exactly on a few "towns", some jittered a few km, a few scattered. */
function townLike(n: number, seed: number, mix: Mix, towns = 40): Item[] {
  const rand = rng(seed);
  const centres = Array.from({ length: towns }, () => [SYRIA[0] + rand() * (SYRIA[2] - SYRIA[0]), SYRIA[1] + rand() * (SYRIA[3] - SYRIA[1])]);
  return Array.from({ length: n }, (_, i) => {
    const c = centres[Math.floor(rand() ** 2 * towns)];
    const r = rand();
    const anchor: [number, number] =
      r < 0.7 ? [c[0], c[1]] : r < 0.95 ? [c[0] + (rand() - 0.5) * 0.05, c[1] + (rand() - 0.5) * 0.05] : [SYRIA[0] + rand() * 6.8, SYRIA[1] + rand() * 5.1];
    return { anchor, type: mix(rand, i) };
  });
}

const FIXTURES: [string, Item[]][] = [
  ["0 points", []],
  ["1 point", [{ anchor: [36.1, 32.6], type: "Protests" }]],
  ["2 points, near", [{ anchor: [36.1, 32.6], type: "Battles" }, { anchor: [36.11, 32.61], type: "Protests" }]],
  ["2 points, same place", [{ anchor: [36.1, 32.6], type: "Riots" }, { anchor: [36.1, 32.6], type: "Riots" }]],
  ["2 points, far apart", [{ anchor: [36.1, 32.6], type: "Riots" }, { anchor: [42.1, 37.1], type: "Battles" }]],
  ["a stack of 7 and one more", [...Array.from({ length: 7 }, (_, i): Item => ({ anchor: [36.100833, 32.612222], type: EVENT_TYPES[i % 2] })), { anchor: [36.3, 32.9], type: "Battles" }]],
  ...Object.entries(MIXES).map(([name, mix], k): [string, Item[]] => [`300 uniform, ${name}`, uniform(300, 11 + k, mix)]),
  ...Object.entries(MIXES).map(([name, mix], k): [string, Item[]] => [`2,000 town-like, ${name}`, townLike(2000, 21 + k, mix)]),
  ["12,000 uniform, skewed", uniform(12_000, 5, MIXES.skewed)],
  ["15,000 town-like, round robin", townLike(15_000, 7, MIXES["round robin"], 120)],
];

const BBOXES: [string, BBox][] = [
  ["world", [-180, -85, 180, 85]],
  ["Syria", SYRIA],
  ["Damascus", [36.1, 33.4, 36.45, 33.65]],
  ["south-west corner", [35.6, 32.3, 36.4, 32.9]],
  ["Syria, one turn east", [SYRIA[0] + 360, SYRIA[1], SYRIA[2] + 360, SYRIA[3]]],
  ["across the antimeridian, holding Syria", [30, 20, -170, 50]],
  ["empty ocean", [-40, -30, -20, -10]],
];

const ZOOMS = Array.from({ length: CLUSTER_MAX_ZOOM + 3 }, (_, z) => z); // 0 … 16, past the last clustered level

describe("lib/display/cluster.ts against the map/reduce reference", () => {
  it("the installed supercluster is the version whose internals lib/display/supercluster-internals.ts reads", () => {
    const require_ = createRequire(import.meta.url);
    // supercluster's "exports" hides package.json; find it next to its entry point.
    const dir = dirname(require_.resolve("supercluster"));
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string };
    expect(pkg.version).toBe("8.0.1");
  });

  /** The index as the map gets it from its worker: built, packed, posted (its buffers moved), unpacked. */
  function travelled(data: readonly Item[]): ClusterIndex {
    const input = clusterInput(data, (d) => d.anchor, (d) => d.type);
    const { packed, transfer } = packClusterIndex(buildClusterIndexOf(input), input);
    const moved = structuredClone(packed, { transfer });
    expect(input.anchors.byteLength).toBe(0);
    return unpackClusterIndex(moved);
  }

  // A few of the fixtures travel too: the empty one, a stack, and the largest.
  const TRAVELLING = new Set(["0 points", "a stack of 7 and one more", "2,000 town-like, skewed", "15,000 town-like, round robin"]);
  describe.each(
    FIXTURES.flatMap(([name, data]): [string, Item[], (d: Item[]) => ClusterIndex][] => [
      [name, data, buildClusterIndex],
      ...(TRAVELLING.has(name) ? [[`${name}, built in a worker`, data, travelled] as [string, Item[], (d: Item[]) => ClusterIndex]] : []),
    ]),
  )("%s", (_, data, build) => {
    const ours = build(data);
    const ref = refBuild(data);

    it.each(BBOXES)("every zoom 0…16 in the %s box draws exactly the reference's items", (__, bbox) => {
      let drawn = 0;
      for (const z of ZOOMS) {
        const want = refView(ref, bbox, z);
        expect(viewItems(ours, bbox, z)).toEqual(want);
        drawn += want.length;
      }
      if (data.length && bbox !== BBOXES[BBOXES.length - 1][1] && bbox[2] - bbox[0] > 1) expect(drawn).toBeGreaterThan(0);
    });

    it("fractional zooms round down as before", () => {
      for (const z of [0.5, 6.99, 7.2, 14.7, 15.5]) expect(viewItems(ours, SYRIA, z)).toEqual(refView(ref, SYRIA, z));
    });

    it("every cluster at every zoom has the reference's members and expansion zoom, and counts that add up", () => {
      for (const z of ZOOMS) {
        for (const item of viewItems(ours, BBOXES[0][1], z)) {
          if (item.kind !== "cluster") continue;
          const members = clusterMembers(ours, item.id);
          expect(members).toEqual(refMembers(ref, item.id));
          expect(expansionZoom(ours, item.id)).toBe(refExpansion(ref, item.id));
          // Independent of the reference: per-type counts are the members' types.
          const byType = EVENT_TYPES.map(() => 0);
          for (const m of members) byType[EVENT_TYPES.indexOf(data[m].type)]++;
          expect(item.counts).toEqual(byType);
        }
      }
    });
  });

  it("an unknown cluster id throws, as supercluster's does", () => {
    const index = buildClusterIndex(townLike(500, 3, MIXES["round robin"]));
    expect(() => clusterMembers(index, 123456789)).toThrow("No cluster with the specified id.");
    expect(() => expansionZoom(index, 123456789)).toThrow("No cluster with the specified id.");
  });
});

describe("lib/display/supercluster-internals.ts fails loudly when supercluster's internals change", () => {
  type Internals = { _cluster: (tree: { data: number[] }, zoom: number) => number[] };
  const proto = Supercluster.prototype as unknown as Internals;
  const original = proto._cluster;
  afterEach(() => {
    proto._cluster = original;
  });

  function loaded(items: Item[]): Supercluster<null> {
    const sc = new Supercluster<null>({ radius: CLUSTER_RADIUS, maxZoom: CLUSTER_MAX_ZOOM });
    return sc.load(items.map((it, i) => ({ type: "Feature", id: i, geometry: { type: "Point", coordinates: it.anchor }, properties: null })));
  }
  const typesOf = (items: Item[]) => Uint8Array.from(items, (it) => EVENT_TYPES.indexOf(it.type));

  it("reads the counts it is given, and throws for an id that is not a cluster", () => {
    const items = townLike(300, 4, MIXES.skewed);
    const table = clusterTypeCounts(loaded(items), typesOf(items), EVENT_TYPES.length);
    expect(() => table.of(0)).toThrow("No cluster with id 0");
  });

  it("throws when the trees or their stride are not where it reads them", () => {
    const items = uniform(50, 1, MIXES.skewed);
    const noTrees = loaded(items) as unknown as { trees?: unknown };
    delete noTrees.trees;
    expect(() => clusterTypeCounts(noTrees as Supercluster<null>, typesOf(items), 6)).toThrow(/supercluster's internals/);
    const stride7 = loaded(items) as unknown as { stride: number };
    stride7.stride = 7;
    expect(() => clusterTypeCounts(stride7 as unknown as Supercluster<null>, typesOf(items), 6)).toThrow(/supercluster's internals/);
  });

  it("throws when the parent links do not add up", () => {
    proto._cluster = function (this: unknown, tree, zoom) {
      const next = original.call(this, tree, zoom);
      // Drop one child from its cluster, as a changed data layout would.
      for (let k = 0; k < tree.data.length; k += 6) {
        if (tree.data[k + 4] !== -1) {
          tree.data[k + 4] = -1;
          break;
        }
      }
      return next;
    };
    expect(() => buildClusterIndex(townLike(200, 2, MIXES["round robin"]))).toThrow(/supercluster's internals/);
  });
});
