// Per-type counts of a loaded supercluster's clusters, summed from its internal trees.
// Why internals: the public way, supercluster's map/reduce, makes the index of 1M incidents 1.6–1.8× slower.
//
// The only module that reads supercluster's internals (node_modules/supercluster/index.js 8.0.1, neither its
// public API nor its typings), so package.json pins supercluster to exactly 8.0.1 and
// tests/unit/cluster-counts.test.ts asserts that version, compares every view with supercluster's own
// map/reduce and makes these checks fire. What is read, of an instance loaded without `reduce`:
// - `trees[z]` for z in minZoom … maxZoom + 1, each with `numItems` and `data`: per item x, y, last zoom
//   processed, id (the input index for a point, the cluster id for a cluster), parent cluster id (or -1),
//   number of points, i.e. `stride` 6;
// - a cluster formed at zoom z from item i of trees[z + 1] has id ((i << 5) + (z + 1) + points.length).
// Anything else throws an Error naming supercluster's internals rather than drawing wrong counts.
// It also moves a loaded index between threads (packTrees, unpackTrees): each tree is a KDBush (kdbush 4's
// own buffer, `KDBush.from`) whose `data` supercluster sets to that flat array, and `points` is the input.
import Supercluster from "supercluster";
import KDBush from "kdbush";
import type { Feature, GeoJsonProperties, Point } from "geojson";

const STRIDE = 6;
const OFFSET_ID = 3;
const OFFSET_PARENT = 4;
const OFFSET_NUM = 5;

interface Internals {
  stride?: unknown;
  options?: { minZoom?: unknown; maxZoom?: unknown };
  points?: { length: number };
  trees?: ({ numItems: number; data: ArrayLike<number>; ids?: { buffer: ArrayBufferLike } } | undefined)[];
}

/** The per-type counts of one loaded index's clusters, as arrays a worker can transfer. */
export interface TypeCountData {
  /** Points indexed. */
  n: number;
  numTypes: number;
  /** `numTypes` counts per cluster, in slot order. */
  counts: Uint32Array;
  /** By origin zoom o (cluster id − n) % 32, then origin item (id − n) >> 5: the cluster's slot, or -1. */
  slot: (Int32Array | null)[];
}

/** Per-type counts of every cluster of one loaded index. */
export interface TypeCountTable {
  /** The counts of the cluster with this id, `numTypes` numbers; throws for an id that is not a cluster. */
  of(clusterId: number): number[];
  readonly data: TypeCountData;
}

/** The table of counts `data` holds (made in this thread or another). */
export function typeCountTable(data: TypeCountData): TypeCountTable {
  const { n, numTypes, counts, slot } = data;
  const slotOf = (id: number): number => {
    const rel = id - n;
    const o = rel % 32;
    return rel >= 0 && slot[o] ? (slot[o][rel >> 5] ?? -1) : -1;
  };
  return {
    data,
    of(clusterId) {
      const p = slotOf(clusterId);
      if (p < 0) throw new Error(`No cluster with id ${clusterId}`);
      return Array.from(counts.subarray(p * numTypes, (p + 1) * numTypes));
    },
  };
}

function internalsError(what: string): Error {
  return new Error(
    `lib/display/supercluster-internals.ts: supercluster's internals are not what this module reads (${what}); ` +
      "it is written against supercluster 8.0.1",
  );
}

/**
 * Sums, bottom-up along the parent ids supercluster leaves in its trees, the per-type counts of every
 * cluster of `sc` (loaded without map/reduce). `types[i]` is the type (0 … numTypes − 1) of input point i.
 */
export function clusterTypeCounts(sc: Supercluster<GeoJsonProperties, GeoJsonProperties>, types: Uint8Array, numTypes: number): TypeCountTable {
  const { stride, options, points, trees } = sc as unknown as Internals;
  const minZoom = options?.minZoom;
  const maxZoom = options?.maxZoom;
  if (stride !== STRIDE) throw internalsError(`stride ${String(stride)}, expected ${STRIDE}`);
  if (typeof minZoom !== "number" || typeof maxZoom !== "number" || !points || !Array.isArray(trees)) {
    throw internalsError("no options.minZoom/maxZoom, points or trees");
  }
  const n = points.length;
  if (types.length !== n) throw new RangeError(`types has ${types.length} entries for ${n} points`);
  for (let z = minZoom; z <= maxZoom + 1; z++) {
    const t = trees[z];
    if (!t || t.data.length !== t.numItems * STRIDE) throw internalsError(`tree ${z} without data of stride ${STRIDE}`);
  }
  if (trees[maxZoom + 1]!.numItems !== n) throw internalsError(`the leaf tree holds ${trees[maxZoom + 1]!.numItems} of ${n} points`);

  // slot[o][i]: where the counts of the cluster formed from item i of trees[o] are kept.
  const slot: (Int32Array | null)[] = Array.from({ length: maxZoom + 2 }, () => null);
  let clusters = 0;
  for (let z = maxZoom; z >= minZoom; z--) {
    const s = (slot[z + 1] = new Int32Array(trees[z + 1]!.numItems).fill(-1));
    const { data, numItems } = trees[z]!;
    for (let k = 0; k < numItems * STRIDE; k += STRIDE) {
      const rel = data[k + OFFSET_ID] - n;
      if (data[k + OFFSET_NUM] > 1 && rel % 32 === z + 1) s[rel >> 5] = clusters++;
    }
  }
  const slotOf = (id: number): number => {
    const rel = id - n;
    const o = rel % 32;
    return rel >= 0 && slot[o] ? (slot[o][rel >> 5] ?? -1) : -1;
  };

  // A cluster formed at zoom z gets its children from trees[z + 1], whose clusters were all formed deeper.
  const counts = new Uint32Array(clusters * numTypes);
  for (let z = maxZoom; z >= minZoom; z--) {
    const { data, numItems } = trees[z + 1]!;
    for (let k = 0; k < numItems * STRIDE; k += STRIDE) {
      const parent = data[k + OFFSET_PARENT];
      if (parent === -1) continue;
      const p = (parent - n) % 32 === z + 1 ? slotOf(parent) : -1;
      if (p < 0) throw internalsError(`parent ${parent} at zoom ${z + 1}`);
      const id = data[k + OFFSET_ID];
      if (data[k + OFFSET_NUM] === 1) {
        counts[p * numTypes + types[id]]++;
      } else {
        const q = slotOf(id);
        if (q < 0) throw internalsError(`cluster id ${id} at zoom ${z + 1}`);
        for (let t = 0; t < numTypes; t++) counts[p * numTypes + t] += counts[q * numTypes + t];
      }
    }
  }
  // Every cluster's counts must add up to its number of points.
  for (let z = minZoom; z <= maxZoom; z++) {
    const { data, numItems } = trees[z]!;
    for (let k = 0; k < numItems * STRIDE; k += STRIDE) {
      const num = data[k + OFFSET_NUM];
      if (num === 1) continue;
      const p = slotOf(data[k + OFFSET_ID]);
      let sum = 0;
      for (let t = 0; p >= 0 && t < numTypes; t++) sum += counts[p * numTypes + t];
      if (sum !== num) throw internalsError(`counts of a cluster of ${num} at zoom ${z} add up to ${sum}`);
    }
  }

  return typeCountTable({ n, numTypes, counts, slot });
}

// --- Moving a loaded index between threads ---

/** A loaded index's trees as transferable arrays: by zoom, the KD-tree's buffer and supercluster's flat data. */
export interface PackedTrees {
  /** Points indexed. */
  n: number;
  minZoom: number;
  trees: { kdbush: ArrayBuffer; data: Float64Array }[];
}

/** The trees of `sc` (loaded, without map/reduce), copied into typed arrays; `transfer` lists their buffers. */
export function packTrees(sc: Supercluster<GeoJsonProperties, GeoJsonProperties>): { packed: PackedTrees; transfer: ArrayBuffer[] } {
  const { stride, options, points, trees } = sc as unknown as Internals;
  const minZoom = options?.minZoom;
  const maxZoom = options?.maxZoom;
  if (stride !== STRIDE || typeof minZoom !== "number" || typeof maxZoom !== "number" || !points || !Array.isArray(trees)) throw internalsError("no stride 6, options, points or trees");
  const packed: PackedTrees = { n: points.length, minZoom, trees: [] };
  const transfer: ArrayBuffer[] = [];
  for (let z = minZoom; z <= maxZoom + 1; z++) {
    const buffer = trees[z]?.ids?.buffer;
    if (!(buffer instanceof ArrayBuffer)) throw internalsError(`tree ${z} without kdbush's buffer`);
    const data = Float64Array.from(trees[z]!.data);
    packed.trees.push({ kdbush: buffer, data });
    transfer.push(buffer, data.buffer);
  }
  return { packed, transfer };
}

/**
 * A supercluster answering as the one `packed` came from; `point(i)` is input point i, made when a query
 * returns it (only those in view are ever made). `options` must be the ones it was loaded with.
 */
export function unpackTrees(packed: PackedTrees, options: { radius: number; maxZoom: number; minPoints: number }, point: (i: number) => Feature<Point, null>): Supercluster<null> {
  const sc = new Supercluster<null>(options);
  const internals = sc as unknown as { trees: unknown[]; points: unknown; stride: unknown };
  if (internals.stride !== STRIDE || !Array.isArray(internals.trees)) throw internalsError("a new instance without stride 6 or trees");
  packed.trees.forEach(({ kdbush, data }, k) => {
    const tree = KDBush.from(kdbush);
    (tree as unknown as { data: Float64Array }).data = data;
    internals.trees[packed.minZoom + k] = tree;
  });
  const { n } = packed;
  // supercluster reads `points.length` and `points[i]` only.
  internals.points = new Proxy([], {
    get: (target, key) => (key === "length" ? n : typeof key === "string" && /^\d+$/.test(key) ? point(Number(key)) : Reflect.get(target, key)),
  });
  return sc;
}
