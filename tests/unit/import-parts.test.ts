// The importer's small parts on their own: decoding, CSV parsing, the JSON depth scan, dates, the
// formula escape pair, safe links, and the geometry checks geojson-validation does not make.
import { describe, expect, it } from "vitest";
import { decodeBytes } from "@/lib/import/decode";
import { detectSeparator, readCsv, readWholeCsv } from "@/lib/csv/read";
import { depthExceededAt, parseBoundedJson } from "@/lib/import/json";
import { escapeFormula, unescapeFormula } from "@/lib/import/formula";
import { safeHttpUrl, ImportError } from "@/lib/import";
import { checkGeometry, positionProblem } from "@/lib/import/geometry";
import { encode1256 } from "../fixtures/import/encode1256";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("decodeBytes", () => {
  it("reads UTF-8 without a BOM", () => {
    expect(decodeBytes(utf8("a,ب\n"))).toMatchObject({ text: "a,ب\n", encoding: "utf-8" });
  });
  it("strips a UTF-8 BOM and says so", () => {
    expect(decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("x,درعا")]))).toMatchObject({ text: "x,درعا", encoding: "utf-8 (BOM)" });
  });
  it("falls back to windows-1256 for Arabic bytes that are not UTF-8 (full ICU in Node)", () => {
    const bytes = encode1256("درعا البلد,طفس");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    expect(decodeBytes(bytes)).toMatchObject({ text: "درعا البلد,طفس", encoding: "windows-1256" });
  });
  it("reads UTF-16 with a BOM", () => {
    const le = Uint8Array.from([0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00, 0x28, 0x06]);
    expect(decodeBytes(le)).toMatchObject({ text: "a,ب", encoding: "utf-16le (BOM)" });
  });
  it("refuses a UTF-8 BOM followed by invalid bytes, NUL bytes and spreadsheet binaries", () => {
    expect(() => decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0xc7, 0xe1]))).toThrow(/not valid UTF-8/);
    expect(() => decodeBytes(Uint8Array.from([0x61, 0x00, 0x62, 0x00]))).toThrow(/NUL/);
    expect(() => decodeBytes(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14]))).toThrow(ImportError);
  });
  it("keeps a U+FEFF inside the text as data", () => {
    expect(decodeBytes(utf8("a\uFEFFb")).text).toBe("a\uFEFFb");
  });
});

describe("readCsv (lib/csv), as the importer reads a table", () => {
  it("detects the separator from the header line, outside quotes", () => {
    expect(detectSeparator("a;b;c\n1,2;3")).toBe(";");
    expect(detectSeparator("a,b\n")).toBe(",");
    expect(detectSeparator('"x;y;z",b\n')).toBe(",");
    expect(detectSeparator("single\n")).toBe(",");
  });
  it("honours Excel's sep= hint line", () => {
    const p = readCsv("sep=;\na;b\n1;2\n", { maxRecords: 10 });
    expect(p.separator).toBe(";");
    expect(p.sepHint).toBe(true);
    expect(p.records.map((r) => r.fields)).toEqual([["a", "b"], ["1", "2"]]);
    expect(p.records[0].line).toBe(2);
  });
  it("reads quoted separators, doubled quotes and line breaks, with record and line numbers", () => {
    const p = readCsv('a,b\r\n"x,y","he said ""hi""\r\nnext line"\r\n3,4\n\n5,6\r7,8', { maxRecords: 10 });
    expect(p.records.map((r) => r.fields)).toEqual([["a", "b"], ["x,y", 'he said "hi"\r\nnext line'], ["3", "4"], ["5", "6"], ["7", "8"]]);
    expect(p.records.map((r) => r.line)).toEqual([1, 2, 4, 6, 7]);
  });
  it("flags a malformed record and resumes at the next one", () => {
    const p = readCsv('a,b\nx"y,1\n"q"z,2\n3,4\n', { maxRecords: 10 });
    expect(p.records[1].error).toEqual({ field: 0, message: expect.stringMatching(/quote inside an unquoted field/) });
    expect(p.records[2].error).toEqual({ field: 0, message: expect.stringMatching(/after the closing quote/) });
    expect(p.records[3]).toEqual({ record: 4, line: 4, fields: ["3", "4"] });
  });
  it("refuses an unclosed quote, naming the line, and too many records", () => {
    expect(() => readWholeCsv('a,b\n1,"open\n2,3\n', { maxRecords: 10 })).toThrow(/opened on line 2/);
    expect(() => readWholeCsv("a\n1\n2\n3\n", { maxRecords: 3 })).toThrow(/more than 3 records/);
  });
});

describe("JSON depth", () => {
  it("finds the first bracket beyond the limit without parsing, ignoring brackets in strings", () => {
    expect(depthExceededAt("[[[1]]]", 3)).toBe(-1);
    expect(depthExceededAt("[[[[1]]]]", 3)).toBe(3);
    expect(depthExceededAt('{"a":"[[[[[[\\"[[["}', 2)).toBe(-1);
  });
  it("refuses 10,000 nested arrays before JSON.parse", () => {
    const r = parseBoundedJson("[".repeat(10_000) + "]".repeat(10_000), 32);
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/deeper than 32 levels \(at character 32\)/) });
  });
  it("reports invalid JSON without throwing", () => {
    expect(parseBoundedJson("{", 32).ok).toBe(false);
  });
});

describe("formula escape", () => {
  const nasty = ["=1+1", "+1", "-5", "@SUM(A1)", "\tx", "\rx", "'=x", "''=x", "'x", "'", "''", "x=1", "", "=", "'\t", "a'=b", "-", "'-1"];
  it.each(nasty)("%j survives escape → unescape", (v) => expect(unescapeFormula(escapeFormula(v))).toBe(v));
  it("escapes what a spreadsheet would run and nothing else", () => {
    expect(escapeFormula("=1+1")).toBe("'=1+1");
    expect(escapeFormula("'=1+1")).toBe("''=1+1");
    expect(escapeFormula("'quoted'")).toBe("'quoted'");
    expect(escapeFormula("Daraa")).toBe("Daraa");
  });
  it("unescapes only what escape would have produced", () => {
    expect(unescapeFormula("'quoted'")).toBe("'quoted'");
    expect(unescapeFormula("'=x")).toBe("=x");
  });
});

describe("safeHttpUrl", () => {
  it.each([
    ["https://example.org/a?b=1", "https://example.org/a?b=1"],
    ["http://example.org", "http://example.org/"],
    ["  https://example.org/x  ", "https://example.org/x"],
  ])("%j → %j", (v, out) => expect(safeHttpUrl(v)).toBe(out));
  it.each(["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\nscript:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x", "/relative", "//evil.example/x", "ftp://example.org", "https://user:pw@example.org/", "https://bank.example@evil.example/", "", 42, null, undefined, { href: "https://x" }])(
    "refuses %j",
    (v) => expect(safeHttpUrl(v)).toBeNull(),
  );
});

describe("geometry checks", () => {
  it("flags |lat| > 90 with a longitude that fits as swapped, (0, 0), and ranges; assumes no region", () => {
    expect(positionProblem(32.6, 136.1)).toMatch(/probably swapped/);
    expect(positionProblem(36.0609, 329.912)).toBe("latitude 329.912 is outside -90..90");
    expect(positionProblem(0, 0)).toMatch(/\(0, 0\)/);
    expect(positionProblem(Infinity, 32.6)).toMatch(/finite/);
    expect(positionProblem(200, 32.6)).toMatch(/longitude 200/);
    // Syria, Ukraine, Rwanda, New York: all plausible somewhere
    for (const [lng, lat] of [[36.1, 32.6], [32.6, 36.1], [38.9, 49.21], [30.06, -1.95], [-74, 40.7]]) expect(positionProblem(lng, lat)).toBeNull();
  });
  it("rejects empty and unclosed rings without crashing geojson-validation", () => {
    expect(checkGeometry({ type: "Polygon", coordinates: [[]] })).toMatchObject({ ok: false, issue: { message: "the ring is empty" } });
    expect(checkGeometry({ type: "MultiPolygon", coordinates: [[[]]] })).toMatchObject({ ok: false, issue: { message: "the ring is empty" } });
    expect(checkGeometry({ type: "Polygon", coordinates: [] })).toMatchObject({ ok: false, issue: { message: "the polygon has no rings" } });
    const open = [[36, 32], [36.1, 32], [36.1, 32.1], [36, 32.1]];
    expect(checkGeometry({ type: "Polygon", coordinates: [open] })).toMatchObject({ ok: false, issue: { message: expect.stringMatching(/not closed/) } });
  });
  it("refuses geometry types the map does not draw, and a crs member", () => {
    expect(checkGeometry({ type: "GeometryCollection", geometries: [] }).ok).toBe(false);
    expect(checkGeometry({ type: "MultiPoint", coordinates: [[36, 32]] }).ok).toBe(false);
    expect(checkGeometry({ type: "Point", coordinates: [36, 32], crs: {} }).ok).toBe(false);
    expect(checkGeometry(null).ok).toBe(false);
  });
  it("returns a copy with foreign members dropped", () => {
    const input = { type: "Point", coordinates: [36.1, 32.6], bbox: [0, 0, 0, 0], extra: "<b>" };
    const r = checkGeometry(input);
    expect(r).toEqual({ ok: true, geometry: { type: "Point", coordinates: [36.1, 32.6] } });
    if (r.ok) expect(r.geometry.coordinates).not.toBe(input.coordinates);
  });
});
