import "server-only";
// The Daraa dataset, seeded from geodata/ with the files it is built from, any GeoJSON file saved as a
// dataset the same way (`npm run dataset:import`), and any dataset rebuilt from its stored GeoJSON source.
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { assertIncidentCollection } from "../incident/validate";
import type { Db } from "./types";
import { addSource, createDataset, getDatasetBySlug, listSources, type Dataset, type NewDataset } from "./datasets";
import { replaceIncidents, insertIncidents } from "./incidents";
import type { IncidentFeature } from "../incident/model";
import { GEODATA_DIR } from "../geo/geodata";


export const GEOJSON_MEDIA_TYPE = "application/geo+json";

const ARTICLE = "2021 Daraa offensive";
const ARTICLE_URL = "https://en.wikipedia.org/wiki/2021_Daraa_offensive";

/** The seeded dataset: metadata from geodata/README.md and the article's licence. */
export const DARAA: NewDataset = {
  slug: "daraa-2021",
  name: "2021 Daraa offensive: incidents",
  description:
    `Every incident comes from a sentence of one source, the English Wikipedia article "${ARTICLE}"; each ` +
    "feature quotes its sentence verbatim in source_quote. The data claims no precision the source does not " +
    "give: undated events keep event_date null, and a region stays a region.",
  licence: "CC BY-SA 4.0, © Wikipedia contributors; the derived dataset is shared under the same licence, with this attribution",
  source: `Wikipedia contributors, "${ARTICLE}", English Wikipedia (CC BY-SA 4.0), ${ARTICLE_URL}; places from GeoNames (CC BY 4.0) and the project's gazetteer`,
  visibility: "public",
  ownerId: null,
};

/** The files the Daraa dataset is built from, kept with it. */
const DARAA_SOURCES = [
  { path: "incidents.geojson", mediaType: GEOJSON_MEDIA_TYPE },
  { path: "sources/daraa-offensive-2021.md", mediaType: "text/markdown" },
];

interface Source {
  name: string;
  mediaType: string;
  content: Uint8Array;
}

/** A new dataset of the first file's incidents (GeoJSON), every file kept as its source, in one transaction. */
function saveDataset(db: Db, metadata: NewDataset, files: readonly Source[]): Promise<Dataset> {
  const features = parseIncidents(files[0].content, files[0].name);
  return db.transaction(async (tx) => {
    const dataset = await createDataset(tx, metadata);
    for (const file of files) await addSource(tx, dataset.id, file);
    await insertIncidents(tx, dataset.id, features);
    return dataset;
  });
}

/**
 * Adds the Daraa dataset when there is none with its slug; true when it did. A second start adds nothing,
 * and replicas starting together add it once (the slug is unique; the loser's transaction rolls back).
 */
export async function seed(db: Db, geodataDir = GEODATA_DIR): Promise<boolean> {
  if (await getDatasetBySlug(db, DARAA.slug)) return false;
  const files = DARAA_SOURCES.map((s) => ({ name: s.path, mediaType: s.mediaType, content: readFileSync(join(geodataDir, s.path)) }));
  try {
    await saveDataset(db, DARAA, files);
  } catch (err) {
    if (await getDatasetBySlug(db, DARAA.slug)) return false;
    throw err;
  }
  return true;
}

/**
 * Saves the GeoJSON file at `path` as a new dataset, with the file kept as its source (so db:rebuild can
 * rebuild it): how a file is served. Throws GeoJSONValidationError naming the feature and field.
 */
export function importDataset(db: Db, path: string, metadata: NewDataset): Promise<Dataset> {
  return saveDataset(db, metadata, [{ name: basename(path), mediaType: GEOJSON_MEDIA_TYPE, content: readFileSync(path) }]);
}

/** Replaces a dataset's incidents with those of its latest stored GeoJSON source; returns their number. */
export async function rebuildDataset(db: Db, slug: string): Promise<number> {
  return db.transaction(async (tx) => {
    const dataset = await getDatasetBySlug(tx, slug);
    if (!dataset) throw new Error(`No dataset with slug ${JSON.stringify(slug)}`);
    const source = (await listSources(tx, dataset.id)).filter((s) => s.mediaType === GEOJSON_MEDIA_TYPE).at(-1);
    if (!source) throw new Error(`Dataset ${JSON.stringify(slug)} has no stored source of type ${GEOJSON_MEDIA_TYPE} to rebuild from`);
    return replaceIncidents(tx, dataset.id, parseIncidents(source.content, source.name));
  });
}

function parseIncidents(bytes: Uint8Array, name: string): IncidentFeature[] {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch (err) {
    throw new Error(`Cannot read ${name}: ${(err as Error).message}`);
  }
  return assertIncidentCollection(json).features;
}

