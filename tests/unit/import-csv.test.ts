// importFile on CSV: ACLED's columns with `,` and `;`, encodings, row-level rejections that name row, field
// and value, ids and repeated ids, and the files refused as a whole. A file's own event type is kept and an
// ambiguous date column is read by the proposal (dmy) and said so.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importFile, ImportError, type ImportResult } from "@/lib/import";
import { assertIncidentCollection } from "@/lib/incident/validate";
import { encode1256 } from "../fixtures/import/encode1256";

const FIXTURES = join(__dirname, "../fixtures/import");
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const utf8 = (s: string) => new TextEncoder().encode(s);
const run = (text: string | Uint8Array, options: Partial<Parameters<typeof importFile>[2]> = {}, name = "test.csv") =>
  importFile(typeof text === "string" ? utf8(text) : text, name, { idPrefix: "IMP", ...options });

/** Every row lands in exactly one bucket of the report. */
function balanced(r: ImportResult): void {
  const { total, accepted, rejected, ambiguous, unresolved, duplicates } = r.report;
  expect(accepted + rejected.length + ambiguous.length + unresolved.length + duplicates.length).toBe(total);
  expect(r.collection.features).toHaveLength(accepted);
  expect(() => assertIncidentCollection(r.collection)).not.toThrow();
}

const HEADER = "event_id,event_date,event_type,location,latitude,longitude,fatalities,notes\n";

describe("ACLED CSV", () => {
  it("imports ACLED's columns with , separators, quoted line breaks and ACLED dates", async () => {
    const r = await run(fixture("acled-comma.csv"), {}, "acled.csv");
    balanced(r);
    expect(r.report).toMatchObject({ format: "csv", encoding: "utf-8", separator: ",", total: 3, accepted: 3, rejected: [] });
    const [a, b] = r.collection.features;
    expect(a.geometry).toEqual({ type: "Point", coordinates: [36.1008, 32.6122] });
    expect(a.properties).toMatchObject({
      event_id: "SYR100",
      event_date: "2021-07-29",
      event_type: "Battles",
      actor2: "Rebel fighters (Daraa)",
      admin1: "Dar'a",
      fatalities: 2,
      notes: 'Clashes in Daraa al-Balad, after the siege; "heavy" shelling reported.\nSecond line of the note.',
      // ACLED columns the model does not type are kept as text
      disorder_type: "Political violence",
      inter1: "1",
      iso: "760",
      timestamp: "1628000000",
    });
    expect(a.properties).not.toHaveProperty("year"); // derived from event_date, not stored
    expect(b.properties).toMatchObject({ civilian_targeting: true, fatalities: 0, geo_precision: 2 }); // blank fatalities → 0
    expect(b.properties).not.toHaveProperty("actor2");
  });

  it("imports ; separated files with decimal commas", async () => {
    const r = await run(fixture("acled-semicolon.csv"));
    balanced(r);
    expect(r.report).toMatchObject({ separator: ";", accepted: 2 });
    expect(r.collection.features[0].geometry).toEqual({ type: "Point", coordinates: [36.1008, 32.6122] });
    expect(r.collection.features[0].properties.notes).toBe("a; b");
    expect(r.collection.features[1].properties.notes).toBe("Protest, with commas");
  });

  it("reads UTF-8 with a BOM and windows-1256 Arabic, and says which", async () => {
    const bom = await run(fixture("bom-utf8.csv"));
    expect(bom.report.encoding).toBe("utf-8 (BOM)");
    expect(bom.collection.features[0].properties).toMatchObject({ event_id: "BOM1", location: "درعا البلد", notes: "ملاحظة" });

    const bytes = fixture("arabic-windows-1256.csv");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const ar = await run(bytes);
    balanced(ar);
    expect(ar.report.encoding).toBe("windows-1256 (detected)");
    expect(ar.report.warnings.some((w) => /not UTF-8; it was read as windows-1256 \(detected/.test(w))).toBe(true);
    expect(ar.collection.features.map((f) => f.properties.location)).toEqual(["درعا البلد", "طفس"]);
    expect(ar.collection.features[0].properties.notes).toBe("اشتباكات في درعا البلد");
    // the same bytes written from a script match the committed fixture
    expect(encode1256(new TextDecoder("windows-1256").decode(bytes))).toEqual(bytes);
  });
});

describe("rows rejected one by one", () => {
  const rows = [
    "OK1,2021-08-01,Battles,Daraa,32.6,36.1,1,fine",
    "OWN1,2021-08-01,Shelling,Daraa,32.6,36.1,1,the file's own type: kept",
    "BAD2,2021-08-01,Battles,Daraa,1e400,36.1,1,latitude overflows",
    "BAD3,2021-08-01,Battles,Daraa,36.1,32.6,1,swapped",
    "BAD4,2021-08-01,Battles,Daraa,NaN,36.1,1,NaN",
    "BAD5,2021-08-01,Battles,Daraa,,36.1,1,half empty",
    "AMB1,08/01/2021,Battles,Daraa,32.6,36.1,1,ambiguous date: read as dmy and said so",
    "BAD7,2021-08-01,Battles,Daraa,32.6,36.1,-1,negative count",
    "BAD8,2021-08-01,Battles,,32.6,36.1,1,no location",
    "BAD9,2021-08-01,Battles,Daraa,32.6,36.1,1.5,fractional count",
    "BAD10,2021-08-01,Battles,Daraa,0x20,36.1,1,hex",
    "SHORT1,2021-08-01,Battles,Daraa,32.6,36.1",
    'BAD12,2021-08-01,Battles,Da"raa,32.6,36.1,1,stray quote',
    "BAD13,2021-08-01,Battles,Daraa,132.6,36.1,1,latitude over 90",
    "BAD14,2021-08-01,Battles,Daraa,Infinity,36.1,1,Infinity",
    "OK2,2021-08-02,battles,Daraa,32.6,36.1,,lower-case type",
  ];
  // Only what places a row rejects it; a swap, a bad count, an empty place are flagged and the row kept.
  const expected = [
    { row: 3, field: "latitude", value: '"1e400"', message: expect.stringMatching(/finite.*1e400/) },
    { row: 5, field: "latitude", value: '"NaN"', message: "must be a decimal number" },
    { row: 6, field: "latitude", value: '""', message: "is empty while longitude is given" },
    { row: 11, field: "latitude", value: '"0x20"', message: "must be a decimal number" },
    { row: 13, field: "location", value: '"Da\\"raa"', message: expect.stringMatching(/quote inside an unquoted field/) },
    { row: 15, field: "latitude", value: '"Infinity"', message: "must be a decimal number" },
  ];

  it("keeps every row with a readable position, flags what it cannot read, and names row, line, field and value of each rejected one", async () => {
    const r = await run(HEADER + rows.join("\n") + "\n");
    balanced(r);
    expect(r.collection.features.map((f) => f.properties.event_id)).toEqual(["OK1", "OWN1", "BAD3", "AMB1", "BAD7", "BAD8", "BAD9", "SHORT1", "BAD13", "OK2"]);
    const byId = new Map(r.collection.features.map((f) => [f.properties.event_id, f]));
    const own = byId.get("OWN1")!.properties;
    expect(own.event_type).toBe("Shelling");
    expect(byId.get("AMB1")!.properties.event_date).toBe("2021-01-08");
    expect(r.report.assumptions).toContain('the dates in "event_date" read as dmy or mdy: no value settles it; dmy is proposed');
    expect(byId.get("SHORT1")!.properties).toMatchObject({ fatalities: 0, notes: "" }); // missing cells read as empty, and said so
    expect(r.report.warnings).toContain("rows with fewer cells than the header; the missing cells were read as empty (row 12)");
    expect(byId.get("OK2")!.properties).toMatchObject({ event_type: "Battles", fatalities: 0 });
    // a row without a country column is never judged against the others: 36.1, 32.6 is a position
    expect(byId.get("BAD3")!.geometry).toEqual({ type: "Point", coordinates: [32.6, 36.1] });
    // a latitude beyond ±90 cannot be read as given; read swapped, and flagged so
    expect(byId.get("BAD13")!.geometry).toEqual({ type: "Point", coordinates: [132.6, 36.1] });
    expect(byId.get("BAD8")!.properties.location).toBe("32.6, 36.1");
    expect(byId.get("BAD7")!.properties.fatalities).toBe(0);
    expect(r.report.flagged.map((f) => [f.row, f.kind, f.field, f.value])).toEqual([
      [8, "unreadable", "fatalities", '"-1"'],
      [10, "unreadable", "fatalities", '"1.5"'],
      [14, "swapped", "latitude, longitude", "132.6, 36.1"],
    ]);
    expect(r.report.rejected).toEqual(expected.map((e) => ({ ...e, line: e.row + 1, value: e.value ?? expect.any(String) })));
  });

  it("flags a year that contradicts event_date and keeps the date", async () => {
    const r = await run("event_date,year,event_type,location,latitude,longitude\n2021-08-01,2020,Battles,Daraa,32.6,36.1\n2021-08-01,2021,Battles,Daraa,32.6,36.1\n");
    expect(r.report.rejected).toEqual([]);
    expect(r.report.flagged).toEqual([{ row: 1, line: 2, id: "IMP-1", kind: "unreadable", field: "year", value: '"2020"', message: "does not match the date 2021-08-01; the date is kept" }]);
    expect(r.report.accepted).toBe(2);
    expect(r.collection.features[0].properties.event_date).toBe("2021-08-01");
  });

  it("numbers data rows after the header and an HXL row; line counts file lines", async () => {
    const r = await run(HEADER + "#event+code,#date+occurred,#event+type,#loc+name,#geo+lat,#geo+lon,#affected+killed,#description\n" + 'X1,2021-08-01,Battles,Daraa,1e400,36.1,0,"two\nlines"\nX2,2021-08-01,Battles,Daraa,1e400,36.1,0,x\n');
    expect(r.report.rejected.map((x) => [x.row, x.line])).toEqual([[1, 3], [2, 5]]);
    expect(r.report.total).toBe(2);
  });
});

describe("ids", () => {
  it("generates prefixed ids for blank ones, unique against the file and the map", async () => {
    const csv = HEADER + [",2021-08-01,Battles,A,32.6,36.1,0,", "IMP-1,2021-08-01,Battles,B,32.6,36.1,0,", ",2021-08-01,Battles,C,32.6,36.1,0,"].join("\n");
    const r = await run(csv, { existingIds: new Set(["IMP-3"]) });
    expect(r.collection.features.map((f) => f.properties.event_id)).toEqual(["IMP-1-2", "IMP-1", "IMP-3-2"]);
  });

  it("keeps ids already on the map and ids the file repeats with other content under a suffix, drops exact repeats, never overwriting", async () => {
    const existing = new Set(["DAR-2021-001"]);
    const csv = HEADER + ["DAR-2021-001,2021-08-01,Battles,A,32.6,36.1,0,", "X,2021-08-01,Battles,B,32.6,36.1,0,", "X,2021-08-02,Riots,C,32.6,36.1,0,", "X,2021-08-01,Battles,B,32.6,36.1,0,"].join("\n");
    const r = await run(csv, { existingIds: existing });
    balanced(r);
    expect(r.collection.features.map((f) => [f.properties.event_id, f.properties.location])).toEqual([["DAR-2021-001-2", "A"], ["X", "B"], ["X-2", "C"]]);
    expect(r.report.rejected).toEqual([]);
    expect(r.report.flagged).toEqual([
      { row: 1, line: 2, id: "DAR-2021-001-2", kind: "id-renamed", field: "event_id", value: "DAR-2021-001", message: expect.stringMatching(/already used by an incident on the map.*imported as DAR-2021-001-2/) },
      { row: 3, line: 4, id: "X-2", kind: "id-renamed", field: "event_id", value: "X", message: expect.stringMatching(/row 2's id, with different content; imported as X-2/) },
    ]);
    expect(r.report.duplicates).toEqual([{ row: 4, id: "X", firstRow: 2 }]);
    expect([...existing]).toEqual(["DAR-2021-001"]); // not mutated
  });
});

describe("files refused as a whole", () => {
  const refuses = async (text: string | Uint8Array, pattern: RegExp, options = {}, name?: string) => {
    const p = run(text, options, name);
    await expect(p).rejects.toBeInstanceOf(ImportError);
    await expect(p).rejects.toThrow(pattern);
  };
  it("refuses a file over the size limit before reading it", async () => {
    await refuses(HEADER + "X,2021-08-01,Battles,A,32.6,36.1,0,\n", /files over .* are refused/, { limits: { maxBytes: 64 } });
  });
  it("refuses more rows than the limit", async () => {
    await refuses(HEADER + "X,2021-08-01,Battles,A,32.6,36.1,0,\n".repeat(5), /more than 3/, { limits: { maxRows: 3 } });
  });
  it("refuses an empty file and a header alone; an unclosed quote rejects its row only", async () => {
    await refuses("", /empty/);
    await refuses(HEADER, /no data rows/);
    const r = await run(HEADER + "X0,2021-08-01,Battles,A,32.6,36.1,0,\n" + 'X,2021-08-01,Battles,"A,32.6,36.1,0,\n');
    expect(r.report.accepted).toBe(1);
    expect(r.report.rejected).toEqual([expect.objectContaining({ row: 2, line: 3, message: expect.stringMatching(/never closed/) })]);
  });
  it("refuses a file that nothing places, or places by name without a geocoder", async () => {
    await refuses("event_date,event_type,notes\n2021-08-01,Battles,x\n", /nothing says where the rows are/);
    await refuses("event_date,event_type,location\n2021-08-01,Battles,Daraa\n", /no geocoder/);
    await refuses("event_type,latitude,location\nBattles,32.6,Daraa\n", /no geocoder/); // a latitude alone places nothing
  });
  it("reads a file without event_type (Unclassified) and a column named twice (the second kept apart)", async () => {
    const r = await run("event_date,location,latitude,longitude\n2021-08-01,A,32.6,36.1\n");
    expect(r.collection.features[0].properties.event_type).toBe("Unclassified");
    const twice = await run("event_type,location,location,latitude,longitude\nBattles,a,b,32.6,36.1\n");
    expect(twice.collection.features[0].properties).toMatchObject({ location: "a", "location (2)": "b" });
  });
  it("refuses a spreadsheet binary named .csv and a binary file", async () => {
    await refuses(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), /xlsx|spreadsheet|workbook/, {}, "data.csv");
    await refuses(Uint8Array.from([0x61, 0x00, 0x2c, 0x00]), /NUL|binary/, {}, "data.csv");
  });
  it("requires an id prefix", async () => {
    await refuses(HEADER + "X,2021-08-01,Battles,A,32.6,36.1,0,\n", /idPrefix/, { idPrefix: " " });
  });
  it("names the field and the value in the error", async () => {
    const err = await run("event_date,notes\n2021-08-01,A\n").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err).toMatchObject({ field: "header", value: '["event_date","notes"]' });
  });
});

describe("the input is never changed", () => {
  it("leaves the bytes and the existing ids as they were, refused or not", async () => {
    const bytes = utf8(HEADER + "X,2021-08-01,Battles,A,32.6,36.1,0,=1+1\n");
    const copy = bytes.slice();
    const existing = new Set(["A"]);
    await run(bytes, { existingIds: existing });
    await run(bytes, { existingIds: existing, limits: { maxBytes: 10 } }).catch(() => undefined);
    expect(bytes).toEqual(copy);
    expect([...existing]).toEqual(["A"]);
  });
});

describe("spreadsheet leftovers", () => {
  it("skips rows of empty cells and trailing empty cells, and keeps row numbers of the file", async () => {
    const r = await run(HEADER + "X1,2021-08-01,Battles,A,32.6,36.1,0,,,\n,,,,,,,\nX2,2021-08-01,Battles,A,NaN,36.1,0,\n,,,,,,,\n");
    expect(r.report.total).toBe(2);
    expect(r.report.accepted).toBe(1);
    expect(r.report.rejected.map((x) => x.row)).toEqual([3]);
    expect(r.report.warnings).toContain("2 rows of empty cells were skipped");
  });
  it("ignores columns named after Object.prototype members, and empty column names without data", async () => {
    const r = await run("event_type,location,latitude,longitude,toString,hasOwnProperty,\nBattles,A,32.6,36.1,x,y,\n");
    const props = r.collection.features[0].properties;
    expect(Object.keys(props)).not.toContain("toString");
    expect(Object.keys(props)).not.toContain("hasOwnProperty");
    expect(r.report.warnings).toEqual([
      "1 empty unnamed column at the end of the header was ignored",
      'column 5 ("toString") was ignored: its name is a reserved JavaScript name',
      'column 6 ("hasOwnProperty") was ignored: its name is a reserved JavaScript name',
    ]);
  });
});
