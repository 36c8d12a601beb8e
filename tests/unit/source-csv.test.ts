// CSV/TSV → Source: separators, ragged rows, trailing unnamed columns, header names, HXL rows, truncated
// files, Excel's sep= line, formula escapes; all from text written here.
import { describe, expect, it } from "vitest";
import { readSource } from "@/lib/import/source";
import { CsvStream, readCsv } from "@/lib/csv/read";
import type { Source, SourceBatch } from "@/lib/import/source/types";

const utf8 = (s: string) => new TextEncoder().encode(s);
const read = (text: string, name = "f.csv", options = {}) => readSource(utf8(text), name, options);
const all = (s: Source) => {
  const batches: SourceBatch[] = [...s.batches()];
  return { records: batches.flatMap((b) => b.records), rejected: batches.flatMap((b) => b.rejected), batches };
};

describe("readSource: CSV", () => {
  it.each([
    [",", "a,b\n1,2\n"],
    [";", "a;b\n1;2\n"],
    ["\t", "a\tb\n1\t2\n"],
    ["|", "a|b\n1|2\n"],
  ])("detects the separator %j", (sep, text) => {
    const s = read(text);
    expect(s.separator).toBe(sep);
    expect(s.columns).toEqual(["a", "b"]);
    expect(s.sample.map((r) => r.values)).toEqual([["1", "2"]]);
  });
  it("takes the user's separator over the detected one", () => {
    const s = read("a;b,c\n1;2,3\n", "f.csv", { separator: ";" });
    expect(s.columns).toEqual(["a", "b,c"]);
  });
  it("reads Excel's sep= line as the separator, not as data, and says so", () => {
    const s = read("sep=;\na;b\n1;2\n");
    expect(s.separator).toBe(";");
    expect(s.sample).toEqual([{ row: 1, line: 3, values: ["1", "2"] }]);
    expect(s.warnings.join()).toMatch(/sep=;/);
  });
  it("keeps newlines inside quoted cells, numbering rows and the lines they start on", () => {
    const s = read('id,notes\n1,"two\nlines"\n2,plain\n');
    expect(s.sample).toEqual([
      { row: 1, line: 2, values: ["1", "two\nlines"] },
      { row: 2, line: 4, values: ["2", "plain"] },
    ]);
  });
  it("keeps values raw: spaces and non-breaking spaces untouched", () => {
    expect(read("a,b\n 1 ,\u00a0x\u00a0\n").sample[0].values).toEqual([" 1 ", "\u00a0x\u00a0"]);
  });
  it("pads short rows with empty cells and counts them in one warning", () => {
    const s = read("a,b,c\n1,2\n3,4,5\n6\n");
    expect(all(s).records.map((r) => r.values)).toEqual([["1", "2", ""], ["3", "4", "5"], ["6", "", ""]]);
    expect(s.warnings).toContain("rows with fewer cells than the header; the missing cells were read as empty (rows 1, 3)");
  });
  it("drops empty cells past the header with a counted warning, and says when text there was dropped", () => {
    const empty = read("a,b\n1,2,,\n3,4\n");
    expect(empty.sample.map((r) => r.values)).toEqual([["1", "2"], ["3", "4"]]);
    expect(empty.warnings).toContain("1 row has empty cells past the header's last column; they were dropped");
  });
  it("keeps cells past the header that the sample fills, as column N", () => {
    const s = read("a,b\n1,2,x\n3,4\n");
    expect(s.columns).toEqual(["a", "b", "column 3"]);
    expect(s.sample.map((r) => r.values)).toEqual([["1", "2", "x"], ["3", "4", ""]]);
  });
  it("drops unnamed empty columns at the end of every row (ACLED 2016) with one warning", () => {
    const s = read("EVENT_DATE,LATITUDE,,,,,,,\n29/12/2015,32.6,,,,,,,\n30/12/2015,32.7,,,,,,,\n");
    expect(s.columns).toEqual(["EVENT_DATE", "LATITUDE"]);
    expect(all(s).records.map((r) => r.values)).toEqual([["29/12/2015", "32.6"], ["30/12/2015", "32.7"]]);
    expect(s.warnings.filter((w) => /unnamed/.test(w))).toEqual(["7 empty unnamed columns at the end of the header were ignored"]);
  });
  it("names a blank header column N and a repeated one NAME (2)", () => {
    const s = read("id,,notes,notes,notes\n1,x,a,b,c\n");
    expect(s.columns).toEqual(["id", "column 2", "notes", "notes (2)", "notes (3)"]);
    expect(s.warnings.join("\n")).toMatch(/no name.*column 2/);
    expect(s.warnings.join("\n")).toMatch(/"notes \(2\)"/);
  });
  it("never makes a column of a reserved JavaScript name", () => {
    const s = read("id,__proto__,constructor,x\n1,2,3,4\n");
    expect(s.columns).toEqual(["id", "x"]);
    expect(s.sample[0].values).toEqual(["1", "4"]);
    expect(s.warnings.join("\n")).toMatch(/"__proto__".*reserved/);
  });
  it("takes an HXL hashtag row out of the data wherever it stands in the first rows (HDX)", () => {
    const under = read("date,lat\n#date,#geo+lat\n2021-01-01,32\n");
    expect(under.hxl).toEqual(["#date", "#geo+lat"]);
    expect(under.sample).toEqual([{ row: 1, line: 3, values: ["2021-01-01", "32"] }]);
    const lower = read("date,lat,n\n2021-01-01,32,1\n2021-01-02,33,2\n#date,#geo+lat,\n2021-01-03,34,3\n");
    expect(lower.hxl).toEqual(["#date", "#geo+lat", null]);
    expect(lower.sample.map((r) => [r.row, r.values[0]])).toEqual([[1, "2021-01-01"], [2, "2021-01-02"], [3, "2021-01-03"]]);
    expect(read("a,b\n1,2\n").hxl).toBeUndefined();
  });
  it("keeps a truncated last row (file ends mid-row) and flags it", () => {
    const s = read("a,b,c\n1,2,3\n4,5");
    expect(all(s).records.map((r) => r.values)).toEqual([["1", "2", "3"], ["4", "5", ""]]);
    expect(s.warnings.join("\n")).toMatch(/last row \(line 3\).*cut short/);
    expect(s.warnings.join("\n")).not.toMatch(/fewer cells/);
  });
  it("rejects a row whose quote never closes, alone, and keeps the rows before it", () => {
    const s = read('a,b\n1,2\n3,"unclosed\n');
    const { records, rejected } = all(s);
    expect(records.map((r) => r.values)).toEqual([["1", "2"]]);
    expect(rejected).toEqual([expect.objectContaining({ row: 2, line: 3, field: "b", message: expect.stringMatching(/never closed/) })]);
    expect(s.warnings.join("\n")).toMatch(/row 2 \(line 3\) was not read/);
  });
  it("rejects a malformed row alone, naming its column, and reads on", () => {
    const { records, rejected } = all(read('a,b\n1,x"y\n3,4\n'));
    expect(records.map((r) => r.row)).toEqual([2]);
    expect(rejected).toEqual([expect.objectContaining({ row: 1, line: 2, field: "b" })]);
  });
  it("undoes the export's formula escape in text cells and header names", () => {
    expect(read("'=a,b\n'=1+1,'-5 km\n").sample[0].values).toEqual(["=1+1", "-5 km"]);
    expect(read("'=a,b\n1,2\n").columns).toEqual(["=a", "b"]);
  });
  it("undoes the escape once in a file read in passes, row for row the same in every pass and as the sample read it", () => {
    // Longer than the sample: its batches are a second reading of the file, which hands over its own fields.
    const lines = Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? `'=${i},'-${i} km,x` : i % 11 === 0 ? `${i},short` : `${i},b,c,`));
    const s = read(`a,b,c\n${lines.join("\n")}\n`);
    const expected = lines.map((l) => l.split(",").slice(0, 3).map((v) => v.replace(/^'/, "")).concat(["", "", ""]).slice(0, 3));
    expect(s.sample.map((r) => r.values)).toEqual(expected.slice(0, s.sample.length));
    expect(all(s).records.map((r) => r.values)).toEqual(expected);
    expect(all(s).records.map((r) => r.values)).toEqual(expected);
  });
  it("skips rows of empty cells with a warning, keeping row numbers", () => {
    const s = read("a,b\n1,2\n,\n3,4\n");
    expect(all(s).records.map((r) => r.row)).toEqual([1, 3]);
    expect(s.warnings).toContain("1 row of empty cells was skipped");
  });
  it("yields batches of at most 5,000 records with a growing fraction; the sample is the first 200", () => {
    const s = read("n\n" + Array.from({ length: 12_001 }, (_, i) => `${i}\n`).join(""));
    const { batches, records } = all(s);
    expect(batches.map((b) => b.records.length)).toEqual([5000, 5000, 2001]);
    const fractions = batches.map((b) => b.fraction);
    expect(fractions[0]).toBeGreaterThan(0.3);
    expect(fractions[1]).toBeGreaterThan(fractions[0]);
    expect(fractions[1]).toBeLessThan(0.9);
    expect(fractions[2]).toBe(1);
    expect(records.length).toBe(12_001);
    expect(records[12_000]).toEqual({ row: 12_001, line: 12_002, values: ["12000"] });
    expect(s.sample.length).toBe(200);
    expect(s.totalHint).toBeUndefined(); // streamed: not known before reading
    expect(read("n\n1\n2\n").totalHint).toBe(2);
    expect([...s.batches()].length).toBe(3); // batches() starts again each time
  });
  it("refuses a file with only a header, more rows than the limit, or more columns", () => {
    expect(() => read("a,b\n")).toThrow(/no data rows/);
    expect(() => read("a\n1\n2\n3\n", "f.csv", { limits: { maxRows: 2 } })).toThrow(/more than 2 data rows/);
    expect(() => read("a,b,c\n1,2,3\n", "f.csv", { limits: { maxColumns: 2 } })).toThrow(/more than 2 columns/);
    expect(() => read("a\n1\n", "f.csv", { limits: { maxBytes: 2 } })).toThrow(/^file: .*refused/);
  });
  it("reads windows-1252 bytes as windows-1252 and says so", () => {
    const bytes = Uint8Array.from([...utf8("name\nPe"), 0xf1, ...utf8("a\n")]);
    const s = readSource(bytes, "f.csv");
    expect(s.encoding).toMatchObject({ name: "windows-1252", basis: "detected" });
    expect(s.sample[0].values).toEqual(["Peña"]);
    expect(s.warnings[0]).toMatch(/read as windows-1252/);
    expect(readSource(bytes, "f.csv", { encoding: "windows-1256" }).encoding?.basis).toBe("chosen");
  });
});

describe("CsvStream", () => {
  const tricky = 'sep=;\r\nh1;h2;h3\r\n"a\r\nb";x"y;z\r\n1;"2"";";3\r\n\r\nlone\rcr;4\r\n"bad"x;5;6\r\nlast;"q\nq";end';
  it.each([1, 2, 3, 7, 64])("reads text in %i-character chunks exactly as readCsv reads it whole", (n) => {
    const chunks = Array.from({ length: Math.ceil(tricky.length / n) }, (_, i) => tricky.slice(i * n, i * n + n));
    const stream = new CsvStream(chunks);
    const records = [...stream.records()];
    const whole = readCsv(tricky);
    expect(stream.separator).toBe(";");
    expect(records).toEqual(whole.records);
    expect(stream.end).toEqual({ truncated: false });
    expect(stream.endsWithLineBreak).toBe(false);
  });
  it("reports an unclosed quote at the end of chunked text", () => {
    const stream = new CsvStream(["a,b\n1,", '"open', "\nmore"]);
    expect([...stream.records()].map((r) => r.fields)).toEqual([["a", "b"]]);
    expect(stream.end?.unclosed).toMatchObject({ record: 2, line: 2, quoteLine: 2, field: 1, value: "open\nmore" });
  });
});

describe("CsvStream limits", () => {
  it("reports a quote still open after maxRecordChars as never closed, instead of gathering the whole file", () => {
    // A 3-million-character quoted field: longer than the reader's 1 MiB window, so it is read in growing windows.
    const chunks = ['a,b\n1,"open', ...Array.from({ length: 30 }, () => "x".repeat(99_999) + "\n"), 'closed",2\n'];
    const stream = new CsvStream(chunks, { maxRecordChars: 1_500_000 });
    expect([...stream.records()].map((r) => r.fields)).toEqual([["a", "b"]]);
    expect(stream.end?.unclosed).toMatchObject({ record: 2, line: 2, field: 1 });
    expect(stream.end?.unclosed?.value.length).toBeLessThan(3_000_000);
    // Within the limit the same record reads whole.
    const whole = new CsvStream(chunks);
    expect([...whole.records()].map((r) => r.fields.length)).toEqual([2, 3]);
    expect(whole.end).toEqual({ truncated: false });
  });
});
