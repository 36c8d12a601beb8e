// The world gazetteer (GeoNames places and divisions, countries): loaded on first demand, kept in memory.
import "server-only";
import { defaultDataDir } from "../gazetteer";
import { loadCountries } from "./countries";
import type { World } from "./lookup";
import { loadWorldPlaces, type WorldPlaces } from "./places";

export type { World } from "./lookup";
export { resolveWorld } from "./lookup";

/** The countries now, the places file on first use: a query naming a country never loads the places. */
export function loadWorld(dir: string = defaultDataDir()): World {
  const countries = loadCountries(dir);
  let places: WorldPlaces | undefined;
  return { countries, places: () => (places ??= loadWorldPlaces(dir)) };
}

let shared: World | undefined;
/** The process-wide world gazetteer over the default data directory. */
export function defaultWorld(): World {
  shared ??= loadWorld();
  return shared;
}

export { divisionOfPoint, DIVISION_RADIUS_KM, type PointDivision } from "./divisions";
