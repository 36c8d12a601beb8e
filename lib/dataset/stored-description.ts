// What the owner of a saved dataset may store as its description (lib/db/dataset-descriptions.ts): a
// reference point, a default view and a few small context layers of points, lines and areas. Checked on the
// way in and again on the way out, so a stored row that no longer passes is never served.
import * as v from "valibot";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import type { BBox } from "../geo/bbox";
import { showValue } from "../incident/validate";
import type { DatasetDescription, DatasetReference } from "./description";

// @option DESCRIPTION_LIMITS = at most 8 context layers, 2,000 features and 50,000 positions over all of
// them, names of 200 characters: a description travels with every opening of its dataset, so it stays small.
export const DESCRIPTION_LIMITS = { layers: 8, features: 2000, positions: 50_000, name: 200 } as const;

const Lng = v.pipe(v.number(), v.finite(), v.minValue(-180), v.maxValue(180));
const Lat = v.pipe(v.number(), v.finite(), v.minValue(-90), v.maxValue(90));
// An altitude, when a file has one, is dropped: the map is flat.
const Position = v.pipe(v.tuple([Lng, Lat]), v.transform(([lng, lat]): [number, number] => [lng, lat]));
const Line = v.pipe(v.array(Position), v.minLength(2, "must have at least 2 positions"));
const Ring = v.pipe(
  v.array(Position),
  v.minLength(4, "must have at least 4 positions"),
  v.check((r) => r.length === 0 || (r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1]), "must end where it starts"),
);
const Polygon = v.pipe(v.array(Ring), v.minLength(1, "must have an outer ring"));

const GeometrySchema = v.variant("type", [
  v.object({ type: v.literal("Point"), coordinates: Position }),
  v.object({ type: v.literal("MultiPoint"), coordinates: v.pipe(v.array(Position), v.minLength(1)) }),
  v.object({ type: v.literal("LineString"), coordinates: Line }),
  v.object({ type: v.literal("MultiLineString"), coordinates: v.pipe(v.array(Line), v.minLength(1)) }),
  v.object({ type: v.literal("Polygon"), coordinates: Polygon }),
  v.object({ type: v.literal("MultiPolygon"), coordinates: v.pipe(v.array(Polygon), v.minLength(1)) }),
]);

const Name = v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(DESCRIPTION_LIMITS.name, `must be at most ${DESCRIPTION_LIMITS.name} characters`));

// A feature keeps its geometry and its name only: nothing else a file brought is stored or shown.
const FeatureSchema = v.pipe(
  v.object({
    type: v.literal("Feature"),
    geometry: GeometrySchema,
    properties: v.optional(v.nullable(v.looseObject({ name: v.optional(v.nullable(v.unknown())) }))),
  }),
  v.transform((f): Feature => {
    const name = f.properties?.name;
    const text = typeof name === "string" || typeof name === "number" ? String(name).trim().slice(0, DESCRIPTION_LIMITS.name) : "";
    return { type: "Feature", geometry: f.geometry as Geometry, properties: text ? { name: text } : {} };
  }),
);

const LayerSchema = v.object({
  name: Name,
  data: v.object({ type: v.literal("FeatureCollection"), features: v.pipe(v.array(FeatureSchema), v.minLength(1, "must hold at least one feature")) }),
});

const ReferenceSchema = v.object({ name: Name, coordinates: Position });

const ViewSchema = v.pipe(
  v.tuple([Lng, Lat, Lng, Lat]),
  v.check(([w, s, e, n]) => w < e && s < n, "must be [west, south, east, north] with west < east and south < north"),
  v.transform(([w, s, e, n]): BBox => [w, s, e, n]),
);

const positionCount = (g: Geometry): number => {
  if (g.type === "Point") return 1;
  if (g.type === "GeometryCollection") return g.geometries.reduce((n, x) => n + positionCount(x), 0);
  return (g.coordinates.flat(3) as unknown[]).length / 2;
};

type Layer = v.InferOutput<typeof LayerSchema>;
const featureCount = (layers: Layer[]) => layers.reduce((n, l) => n + l.data.features.length, 0);
const layerPositions = (layers: Layer[]) => layers.reduce((n, l) => n + l.data.features.reduce((m, f) => m + positionCount(f.geometry!), 0), 0);

const StoredDescriptionSchema = v.strictObject({
  reference: v.nullable(ReferenceSchema),
  defaultView: v.nullable(ViewSchema),
  contextLayers: v.pipe(
    v.array(LayerSchema),
    v.maxLength(DESCRIPTION_LIMITS.layers, `must be at most ${DESCRIPTION_LIMITS.layers} layers`),
    v.check((layers) => featureCount(layers) <= DESCRIPTION_LIMITS.features, `must hold at most ${DESCRIPTION_LIMITS.features} features in all`),
    v.check((layers) => layerPositions(layers) <= DESCRIPTION_LIMITS.positions, `must hold at most ${DESCRIPTION_LIMITS.positions} positions in all`),
  ),
});

/** A stored description: what its owner set; the name is the dataset's own. */
export interface StoredDescription {
  reference: DatasetReference | null;
  /** [west, south, east, north] */
  defaultView: BBox | null;
  contextLayers: { name: string; data: FeatureCollection }[];
}

export const EMPTY_STORED: StoredDescription = Object.freeze({ reference: null, defaultView: null, contextLayers: [] }) as StoredDescription;

/** A stored description refused, with the field and the value in its message. */
export class DescriptionError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "DescriptionError";
  }
}

/**
 * A description as a client sent it or the store gave it back, checked and reduced to what is kept.
 * @throws DescriptionError naming the first field that fails, and its value
 */
export function readStoredDescription(input: unknown): StoredDescription {
  const result = v.safeParse(StoredDescriptionSchema, input);
  if (result.success) return result.output as StoredDescription;
  const issue = result.issues[0];
  const path = v.getDotPath(issue) ?? "(root)";
  const field = path.replace(/\.(\d+)(?=\.|$)/g, "[$1]");
  throw new DescriptionError(field, `${field}: ${issue.message} (value: ${showValue(issue.input)})`);
}

/** The description a saved dataset is served with: its name, and what its owner stored (context layers are areas, lines and points). */
export function describedBy(name: string, stored: StoredDescription): DatasetDescription {
  return {
    name,
    reference: stored.reference,
    defaultView: stored.defaultView,
    contextLayers: stored.contextLayers.map((l, i) => ({ id: `layer-${i + 1}`, name: l.name, kind: "area" as const, data: l.data })),
  };
}
