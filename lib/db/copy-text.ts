import "server-only";
// Rows in COPY's text format, the fastest way into both engines: one line a row, tab between fields, \N for
// null; a geometry goes as hex EWKB, which PostGIS reads without parsing text (the same doubles as the
// GeoJSON it is written from), in two dimensions as the column is declared: a height stays in the feature.
import type { Position } from "geojson";
import type { IncidentGeometry } from "../incident/model";

/** A field's value: text, a number written as JavaScript writes it, or null. */
export type CopyValue = string | number | null;

const ESCAPED: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
const SPECIAL = /[\\\n\r\t]/g;

/** One field in COPY's text format: backslash, newline, carriage return and tab escaped; null as \N. */
export function copyField(value: CopyValue): string {
  if (value === null) return "\\N";
  if (typeof value === "number") return String(value);
  return value.replace(SPECIAL, (c) => ESCAPED[c]);
}

/** One row: its fields between tabs, and the newline that ends it. */
export const copyLine = (fields: readonly CopyValue[]): string => `${fields.map(copyField).join("\t")}\n`;

// @option SRID: number = 4326, WGS 84 lon/lat, as the incidents table's geometry column declares
const SRID = 4326;
const WKB_TYPE = { Point: 1, LineString: 2, Polygon: 3, MultiPolygon: 6 } as const;
const EWKB_SRID = 0x20000000;

// One buffer for every geometry written, grown when one needs more: most are a point's 21 bytes.
let scratch = new DataView(new ArrayBuffer(4096));

/** Writes a geometry as EWKB, little-endian, into the scratch buffer. */
class EwkbWriter {
  private view = scratch;
  private at = 0;
  private room(bytes: number): void {
    if (this.at + bytes <= this.view.byteLength) return;
    const bigger = new Uint8Array(Math.max(this.view.byteLength * 2, this.at + bytes));
    bigger.set(new Uint8Array(this.view.buffer, 0, this.at));
    this.view = scratch = new DataView(bigger.buffer);
  }
  header(type: number, srid: boolean): void {
    this.room(9);
    this.view.setUint8(this.at, 1);
    this.view.setUint32(this.at + 1, type | (srid ? EWKB_SRID : 0), true);
    this.at += 5;
    if (srid) this.count(SRID);
  }
  count(n: number): void {
    this.room(4);
    this.view.setUint32(this.at, n, true);
    this.at += 4;
  }
  position(p: Position): void {
    this.room(16);
    this.view.setFloat64(this.at, p[0], true);
    this.view.setFloat64(this.at + 8, p[1], true);
    this.at += 16;
  }
  positions(ps: readonly Position[]): void {
    this.count(ps.length);
    for (const p of ps) this.position(p);
  }
  rings(rings: readonly Position[][]): void {
    this.count(rings.length);
    for (const r of rings) this.positions(r);
  }
  hex(): string {
    return Buffer.from(this.view.buffer, 0, this.at).toString("hex");
  }
}

/** The geometry as hex EWKB with SRID 4326: what PostGIS's geometry type reads fastest. */
export function hexEwkb(g: IncidentGeometry): string {
  const w = new EwkbWriter();
  w.header(WKB_TYPE[g.type], true);
  switch (g.type) {
    case "Point":
      w.position(g.coordinates);
      break;
    case "LineString":
      w.positions(g.coordinates);
      break;
    case "Polygon":
      w.rings(g.coordinates);
      break;
    case "MultiPolygon":
      w.count(g.coordinates.length);
      for (const polygon of g.coordinates) {
        w.header(WKB_TYPE.Polygon, false);
        w.rings(polygon);
      }
      break;
  }
  return w.hex();
}
