// What the geocoder is asked: a place's text and what its row says about where it lies. Declared here, where
// it is answered; the importer builds queries from a file's columns (lib/import/geocoding.ts).

/** What a row's own columns say about where its place lies: the geocoder disambiguates by it
 *  (`LANDAZURI` in `SANTANDER`, Colombia). Text as the file writes it; a country may be a name or an ISO code. */
export interface PlaceContext {
  country?: string;
  admin1?: string;
  admin2?: string;
}

/** One place to geocode: its text and the row's context. Rows with the same text and context share one query. */
export interface PlaceQuery extends PlaceContext {
  text: string;
}

/**
 * A place written with its divisions and country ("Kiev, Ukraine (general), Ukraine" as GDELT writes it,
 * "Landázuri, Santander, Colombia"): the first part as the text, the last as the country, a middle one as
 * admin1; the query's own context wins. Null when the text has no comma.
 */
export function splitPlaceText(query: PlaceQuery): PlaceQuery | null {
  const parts = query.text.split(",").map((p) => p.replace(/\(general\)/gi, "").trim()).filter((p) => p !== "");
  if (parts.length < 2) return null;
  const [text, ...rest] = parts;
  const out: PlaceQuery = { ...query, text };
  if (!out.country) out.country = rest[rest.length - 1];
  // GDELT writes a region-wide place as "Donbas, Ukraine (general), Ukraine": its middle part is the country again.
  if (!out.admin1 && rest.length >= 2 && rest[0].toLowerCase() !== rest[rest.length - 1].toLowerCase()) out.admin1 = rest[0];
  return out;
}
