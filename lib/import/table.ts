// A CSV file → candidates (rows with coordinates or a geometry_geojson cell) and pending places (rows to
// geocode). The whole file is refused when the header is unusable: no way to place
// rows, the same column twice, an unclosed quote; otherwise each row is checked on its own.
import type { BBox } from "../geo/bbox";
import { showValue } from "../incident/validate";
import { mapColumns, NUMERIC_FIELDS, type Field } from "./columns";
import { parseCsv, type Separator } from "./csv";
import { ImportError } from "./errors";
import { unescapeFormula } from "./formula";
import { checkGeometry, inBox, positionProblem } from "./geometry";
import { readJson } from "./json";
import { unsafeKeyReason } from "./keys";
import { DEFAULT_PLACE_COLUMNS, type ImportLimits } from "./limits";
import { normaliseRow, parseDecimal } from "./normalise";
import type { Candidate, PendingPlace, RejectedRow } from "./types";
import type { WarningLog } from "./warnings";

export interface CsvRead {
  separator: Separator;
  total: number;
  candidates: Candidate[];
  pending: PendingPlace[];
  rejected: RejectedRow[];
}

export interface CsvReadOptions {
  limits: ImportLimits;
  region: Readonly<BBox>;
  placeColumn?: string;
  canGeocode: boolean;
}

// An HXL hashtag row (as HDX publishes under the header): `#geo+lat`, `#affected+killed`, …
const HXL_TAG = /^#[A-Za-z][A-Za-z0-9_]*(\s*\+[A-Za-z][A-Za-z0-9_]*)*$/;
const isHxlRow = (fields: readonly string[]) => fields.some((f) => f.trim() !== "") && fields.every((f) => f.trim() === "" || HXL_TAG.test(f.trim()));

export function readCsv(text: string, options: CsvReadOptions, log: WarningLog): CsvRead {
  const { limits, region } = options;
  // +2: the header and a possible HXL row are records but not data rows.
  const parsed = parseCsv(text, limits.maxRows + 2, `more than ${limits.maxRows} data rows; split the file`);
  const [headerRecord, ...rest] = parsed.records;
  if (!headerRecord) throw new ImportError("csv", "", "the file is empty");
  if (headerRecord.error) throw new ImportError("header", headerRecord.fields[headerRecord.error.field] ?? "", headerRecord.error.message);
  const header = headerRecord.fields.map(unescapeFormula);
  if (header.length > limits.maxColumns) throw new ImportError("header", `${header.length} columns`, `more than ${limits.maxColumns} columns`);

  // Columns whose names are reserved or empty are left out; a name used twice makes the file ambiguous.
  const usable: number[] = [];
  const seen = new Set<string>();
  header.forEach((name, i) => {
    const reason = unsafeKeyReason(name);
    if (reason) {
      const hasData = rest.some((r) => (r.fields[i] ?? "") !== "");
      if (hasData || name !== "") log.add(`column ${i + 1} (${showValue(name)}) was ignored: its name is ${reason}`);
      return;
    }
    if (seen.has(name)) throw new ImportError("header", name, "the same column name appears twice; rename one");
    seen.add(name);
    usable.push(i);
  });
  const columns = mapColumns(usable.map((i) => header[i]));
  for (const s of columns.shadowed) log.add(`column ${showValue(s.key)} kept as an extra column: "${s.used}" already gives ${s.field}`);
  const index = new Map(header.map((name, i) => [name, i] as const));
  const col = (f: Field) => {
    const name = columns.fields.get(f);
    return name === undefined ? undefined : index.get(name);
  };

  const latCol = col("latitude");
  const lngCol = col("longitude");
  if ((latCol === undefined) !== (lngCol === undefined)) {
    throw new ImportError("header", header, latCol === undefined ? "a longitude column without a latitude column" : "a latitude column without a longitude column");
  }
  const geometryCol = col("geometry_geojson");
  let placeCol: number | undefined;
  if (options.placeColumn !== undefined) {
    const wanted = options.placeColumn.trim().toLowerCase();
    placeCol = usable.find((i) => header[i].trim().toLowerCase() === wanted);
    if (placeCol === undefined) throw new ImportError("placeColumn", options.placeColumn, "no such column in the file");
  } else {
    for (const name of DEFAULT_PLACE_COLUMNS) {
      placeCol ??= usable.find((i) => header[i].trim().toLowerCase() === name);
    }
  }
  const hasCoordinates = latCol !== undefined || geometryCol !== undefined;
  if (!hasCoordinates && placeCol === undefined) {
    throw new ImportError("header", header, `no latitude/longitude columns and no place column (${DEFAULT_PLACE_COLUMNS.join(", ")}) to geocode`);
  }
  if (!hasCoordinates && !options.canGeocode) {
    throw new ImportError("header", header, "no latitude/longitude columns, and no geocoder was given to place rows by name");
  }

  let data = rest;
  if (data[0] && !data[0].error && isHxlRow(data[0].fields)) {
    data = data.slice(1);
    log.add("the row under the header holds HXL hashtags (#event+code, …); it was read as tags, not as data");
  }
  if (data.length === 0) throw new ImportError("csv", header, "the file has a header but no data rows");
  if (data.length > limits.maxRows) throw new ImportError("csv", `${data.length} rows`, `more than ${limits.maxRows} data rows; split the file`);

  const decimalComma = parsed.separator === ";";
  const candidates: Candidate[] = [];
  const pending: PendingPlace[] = [];
  const rejected: RejectedRow[] = [];
  const extras = columns.extras.map((name) => [name, index.get(name) as number] as const);
  const fieldNames = [...columns.fields.entries()].map(([f, name]) => [f, index.get(name) as number] as const);

  // Rows of empty cells (",,,," – spreadsheets leave them below the data) are skipped, not rejected.
  let emptyRows = 0;
  data.forEach((record, n) => {
    const row = n + 1;
    const line = record.line;
    if (!record.error && record.fields.every((f) => f.trim() === "")) {
      emptyRows++;
      return;
    }
    const reject = (field: string, value: unknown, message: string) => rejected.push({ row, line, field, value: showValue(value), message });
    if (record.error) {
      const i = record.error.field;
      return reject(header[i] ?? `column ${i + 1}`, record.fields[i] ?? "", record.error.message);
    }
    // Trailing empty cells beyond the header hold nothing and are ignored; missing cells cannot be placed.
    let width = record.fields.length;
    while (width > header.length && record.fields[width - 1] === "") width--;
    if (width !== header.length) {
      return reject("(row)", record.fields.join(parsed.separator), `has ${record.fields.length} fields; the header has ${header.length}`);
    }
    // Text cells lose the apostrophe the CSV export adds against formula injection; numbers have none.
    const cell = (i: number, f?: Field) => (f !== undefined && NUMERIC_FIELDS.has(f) ? record.fields[i] : unescapeFormula(record.fields[i]));
    const values = new Map<Field, string>(fieldNames.map(([f, i]) => [f, cell(i, f)]));
    const place = placeCol === undefined ? undefined : cell(placeCol);
    const result = normaliseRow({
      format: "csv",
      get: (f) => values.get(f),
      keyOf: (f) => columns.fields.get(f) ?? f,
      extras: extras.map(([name, i]) => [name, cell(i)] as const),
      placeFallback: place,
      placeField: placeCol === undefined ? undefined : header[placeCol],
    });
    if (!result.ok) return reject(result.problem.field, result.problem.value, result.problem.message);
    for (const w of result.row.warnings) log.add(w, row);
    const idField = columns.fields.get("event_id") ?? "event_id";

    // Where: a geometry_geojson cell (lines and areas, as the CSV export writes them), else latitude and
    // longitude, else the place name through the geocoder.
    const geometryText = geometryCol === undefined ? "" : values.get("geometry_geojson") ?? "";
    if (geometryText.trim() !== "") {
      const field = header[geometryCol as number];
      const json = readJson(geometryText, limits.maxJsonDepth);
      if (!json.ok) return reject(field, geometryText, json.message);
      const g = checkGeometry(json.value, region);
      if (!g.ok) return reject(g.issue.path ? `${field}.${g.issue.path}` : field, g.issue.value, g.issue.message);
      if (g.outsideRegion) log.add(`lies outside the expected region [${region.join(", ")}]; check the coordinates`, row);
      return candidates.push({ row, line, normalised: result.row, geometry: g.geometry, idField });
    }
    const latText = values.get("latitude") ?? "";
    const lngText = values.get("longitude") ?? "";
    if (latText.trim() !== "" || lngText.trim() !== "") {
      const latName = columns.fields.get("latitude") ?? "latitude";
      const lngName = columns.fields.get("longitude") ?? "longitude";
      let lat: number | null;
      let lng: number | null;
      try {
        lat = parseDecimal(latText, decimalComma);
      } catch (err) {
        return reject(latName, latText, (err as Error).message);
      }
      try {
        lng = parseDecimal(lngText, decimalComma);
      } catch (err) {
        return reject(lngName, lngText, (err as Error).message);
      }
      if (lat === null) return reject(latName, latText, "is empty while longitude is given");
      if (lng === null) return reject(lngName, lngText, "is empty while latitude is given");
      const problem = positionProblem(lng, lat, region);
      if (problem) return reject(`${latName}, ${lngName}`, `${latText}, ${lngText}`, problem);
      if (!inBox(region, lng, lat)) log.add(`lies outside the expected region [${region.join(", ")}]; check the coordinates`, row);
      return candidates.push({ row, line, normalised: result.row, geometry: { type: "Point", coordinates: [lng, lat] }, idField });
    }
    if (placeCol !== undefined && options.canGeocode && place !== undefined && place.trim() !== "") {
      return pending.push({ row, line, normalised: result.row, place: place.trim(), placeField: header[placeCol], idField });
    }
    if (latCol !== undefined) return reject(columns.fields.get("latitude") ?? "latitude", latText, "is empty: the row has no coordinates" + (options.canGeocode && placeCol !== undefined ? " and no place name to geocode" : ""));
    return reject(placeCol !== undefined ? header[placeCol] : "location", place ?? "", "is empty: the row has no coordinates and no place name to geocode");
  });
  if (emptyRows > 0) log.add(`${emptyRows} row${emptyRows > 1 ? "s" : ""} of empty cells ${emptyRows > 1 ? "were" : "was"} skipped`);
  return { separator: parsed.separator, total: data.length - emptyRows, candidates, pending, rejected };
}
