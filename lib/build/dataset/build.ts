// The whole dataset build, without file I/O: table text + article text + geocoder → every output file's
// text. scripts/build-geodata.ts writes them; the tests call this in-process and compare.
import { DATASET_NAME } from "../../incident/dataset-name";
import type { MultiPolygon, Polygon } from "geojson";
import { markerAnchor } from "../../incident/anchor";
import { assertIncidentCollection } from "../../incident/validate";
import type { IncidentCollection, IncidentFeature } from "../../incident/model";
import { infoboxCasualties, quoteOccurs } from "./article";
import { TableError } from "./csv";
import { toFeature } from "./feature";
import { stableJson } from "./geometry";
import { buildCheckpoints, buildSiege, LAYER_QUOTES } from "./layers";
import { resolvePlace, type Geocoder } from "./place";
import { summarise, type DatasetSummary } from "./summary";
import { parseIncidentTable, type IncidentRow } from "./table";

export interface BuildInputs {
  /** geodata/incidents.csv */
  table: string;
  /** the source article (Markdown with its infobox as YAML front matter) */
  article: string;
  geocode: Geocoder;
  /** The Daraa Governorate outline (geodata/basemap/governorates.geojson), to clip the countryside areas. */
  daraa: Polygon | MultiPolygon;
}

export interface BuildOutputs {
  incidents: IncidentCollection & { name: string };
  summary: DatasetSummary;
  /** File name in geodata/ → exact text to write. */
  files: Record<"incidents.geojson" | "summary.json" | "checkpoints.geojson" | "siege.geojson", string>;
}

/** Same lower-cased letters only, so "Rif Dimashq" and "Rif-dimashq" compare equal. */
const letters = (s: string) => s.toLowerCase().replace(/[^a-z]/g, "");

function checkRow(row: IncidentRow, article: string, placeAdmin1: string | undefined): void {
  if (!quoteOccurs(article, row.source_quote)) {
    throw new TableError(row.row, "source_quote", row.source_quote, "does not occur verbatim in the source article (mind ’ “ ” and spacing)");
  }
  // A place that the geocoder puts in another governorate than the row says is the wrong place.
  if (placeAdmin1 && letters(placeAdmin1) !== letters(row.admin1)) {
    throw new TableError(row.row, "admin1", row.admin1, `disagrees with the geocoded place, which lies in ${placeAdmin1}`);
  }
}

export async function buildGeodata({ table, article, geocode, daraa }: BuildInputs): Promise<BuildOutputs> {
  const rows = parseIncidentTable(table);
  const features: IncidentFeature[] = [];
  for (const row of rows) {
    let admin1: string | undefined;
    // Wrap the geocoder to read the chosen candidate's admin1 for the check above.
    const place = await resolvePlace(row, async (text) => {
      const answer = await geocode(text);
      admin1 = answer.best?.properties.admin1;
      return answer;
    });
    checkRow(row, article, row.override ? undefined : admin1);
    features.push(toFeature(row, place));
  }
  const incidents = { type: "FeatureCollection" as const, name: DATASET_NAME, features };
  // Throws GeoJSONValidationError naming features[i] paths; the event_id is in the same feature.
  assertIncidentCollection(incidents);

  for (const quote of LAYER_QUOTES) {
    if (!quoteOccurs(article, quote)) throw new Error(`layer quote does not occur verbatim in the source article: ${JSON.stringify(quote.slice(0, 80))}`);
  }
  const markers = features.map((f) => markerAnchor(f.geometry));
  const [checkpoints, siege] = [await buildCheckpoints(geocode, daraa, markers), await buildSiege(geocode)];
  const summary = summarise(features, infoboxCasualties(article));

  return {
    incidents,
    summary,
    files: {
      "incidents.geojson": stableJson(incidents),
      "summary.json": stableJson(summary),
      "checkpoints.geojson": stableJson({ type: checkpoints.type, name: "2021 Daraa offensive: checkpoints", features: checkpoints.features }),
      "siege.geojson": stableJson({ type: siege.type, name: "2021 Daraa offensive: siege of Daraa al-Balad", features: siege.features }),
    },
  };
}
