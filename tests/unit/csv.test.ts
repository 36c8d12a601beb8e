import { describe, expect, it } from "vitest";
import { AFTER_CLOSING, CsvStream, detectSeparator, readCsv, STRAY_QUOTE, type CsvEnd } from "@/lib/csv/read";

const fields = (text: string) => readCsv(text).records.map((r) => r.fields);

describe("detectSeparator", () => {
  it("takes the separator the header line uses most, outside quotes", () => {
    expect(detectSeparator("a\tb\tc\n1,2,3,4")).toBe("\t");
    expect(detectSeparator("a|b|c,d\n")).toBe("|");
    expect(detectSeparator('"a|b|c",d;e\n')).toBe(",");
    expect(detectSeparator("a;b,c\n")).toBe(","); // a tie keeps the comma, as the importer always did
    expect(detectSeparator("single")).toBe(",");
  });
});

describe("readCsv", () => {
  it("reads , ; tab and | files alike", () => {
    const want = [["a", "b c", ""], ["1", "x,y", "3"]];
    expect(fields('a,b c,\n1,"x,y",3\n')).toEqual(want);
    expect(fields("a;b c;\n1;x,y;3\n")).toEqual(want);
    expect(fields("a\tb c\t\n1\tx,y\t3\n")).toEqual(want);
    expect(fields("a|b c|\n1|x,y|3\n")).toEqual(want);
    expect(readCsv("a|b\n").separator).toBe("|");
  });

  it("takes the separator it is given over the header's", () => {
    expect(readCsv("a;b;c\n", { separator: "," }).records[0].fields).toEqual(["a;b;c"]);
  });

  it("skips a BOM and blank lines, keeps ragged rows and trailing empty columns", () => {
    const r = readCsv("\uFEFFa,b,c\r\n\r\n1,2\r\n3,4,5,6,,\r\n");
    expect(r.records).toEqual([
      { record: 1, line: 1, fields: ["a", "b", "c"] },
      { record: 2, line: 3, fields: ["1", "2"] },
      { record: 3, line: 4, fields: ["3", "4", "5", "6", "", ""] },
    ]);
  });

  it("numbers records and the lines they start on when quoted fields hold line breaks", () => {
    const r = readCsv('h1,h2\n"one\ntwo\nthree",x\n"a\r\nb",y\nlast,z');
    expect(r.records.map((x) => [x.record, x.line])).toEqual([[1, 1], [2, 2], [3, 5], [4, 7]]);
    expect(r.records[1].fields).toEqual(["one\ntwo\nthree", "x"]);
    expect(r.records[2].fields).toEqual(["a\r\nb", "y"]);
  });

  it("ends records at CRLF, LF and a lone CR, but keeps a CR inside quotes", () => {
    expect(fields("a,b\r1,2\r3,4")).toEqual([["a", "b"], ["1", "2"], ["3", "4"]]);
    expect(fields('a,b\n"x\ry",1\r2,3\r\n4,5')).toEqual([["a", "b"], ["x\ry", "1"], ["2", "3"], ["4", "5"]]);
  });

  it("honours Excel's sep= line for any of the four separators", () => {
    const r = readCsv("sep=|\r\na|b,c\r\n1|2\r\n");
    expect(r).toMatchObject({ separator: "|", sepHint: true });
    expect(r.records.map((x) => [x.line, x.fields])).toEqual([[2, ["a", "b,c"]], [3, ["1", "2"]]]);
  });

  it("flags a malformed record alone, names the field, and reads on from the next line", () => {
    const r = readCsv('a,b,c\n1,x"y,2\n"q"z,"w",3\n4,"v" ,5\n6,7,8\n');
    expect(r.records.map((x) => x.error)).toEqual([undefined, { field: 1, message: STRAY_QUOTE }, { field: 0, message: AFTER_CLOSING }, { field: 1, message: AFTER_CLOSING }, undefined]);
    expect(r.records[4]).toEqual({ record: 5, line: 5, fields: ["6", "7", "8"] });
  });

  it("stops at an unclosed quote and says where it opened", () => {
    const r = readCsv('a,b\n1,2\n3,"open\nmore\n');
    expect(r.records.map((x) => x.fields)).toEqual([["a", "b"], ["1", "2"]]);
    expect(r.unclosed).toEqual({ record: 3, line: 3, quoteLine: 3, field: 1, value: "open\nmore\n" });
  });

  it("stops reading at the record limit, before what follows", () => {
    const r = readCsv('a\n1\n\n2\n3\n"never closed\n', { maxRecords: 3 });
    expect(r.truncated).toBe(true);
    expect(r.records.map((x) => x.fields[0])).toEqual(["a", "1", "2"]);
    expect(r.unclosed).toBeUndefined();
    expect(readCsv("a\n1\n2\n", { maxRecords: 3 }).truncated).toBe(false);
  });

  it("reads a quoted field across the pieces the file is read in, after a malformed record and past 1 MiB", () => {
    const long = "word\n".repeat(300);
    const r = readCsv(`a,b\n"q"z,1\n"${long}",2\n3,4\n`);
    expect(r.records.map((x) => [x.line, x.fields, x.error?.field])).toEqual([[1, ["a", "b"], undefined], [2, ['"q"z', "1"], 0], [3, [long, "2"], undefined], [304, ["3", "4"], undefined]]);
    const filler = "x,y\n".repeat(262_000); // the long field starts 572 characters before 1 MiB
    const big = readCsv(`a,b\n${filler}"${long}",2\n3,4\n`);
    expect(big.records.length).toBe(262_003);
    expect(big.records[262_001]).toEqual({ record: 262_002, line: 262_002, fields: [long, "2"] });
    expect(big.records[262_002]).toEqual({ record: 262_003, line: 262_303, fields: ["3", "4"] });
  });
});

describe("plainRecords beside PapaParse", () => {
  // Texts made of the characters CSV's rules turn on, so that every quirk meets the plain reading: quotes
  // doubled, stray and unclosed, separators, CR, LF and CRLF inside and outside quotes, blank lines, spaces.
  const ALPHABET = ['"', '""', ",", ";", "\n", "\r\n", "\r", " ", "a", "bc", "é"];
  const random = (seed: number) => () => ((seed = (Math.imul(seed ^ (seed >>> 15), 2246822507) + 0x6d2b79f5) | 0) >>> 0) / 4294967296;

  it("reads every record, line, error, limit and unclosed quote as PapaParse does, whole or in pieces", () => {
    const next = random(7);
    for (let i = 0; i < 3000; i++) {
      // Some long enough for the small windows read after a malformed record.
      const length = 1 + Math.floor(next() * (next() < 0.2 ? 3000 : 40));
      let text = "h1,h2\n";
      for (let k = 0; k < length; k++) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
      const maxRecords = next() < 0.2 ? Math.floor(next() * 4) : Infinity;
      const papa = JSON.stringify(readCsv(text, { papaOnly: true, maxRecords }));
      expect(JSON.stringify(readCsv(text, { maxRecords })), JSON.stringify(text)).toBe(papa);
      const pieces: string[] = [];
      for (let at = 0; at < text.length; at += pieces[pieces.length - 1].length) pieces.push(text.slice(at, at + 1 + Math.floor(next() * 300)));
      const stream = new CsvStream(pieces, { maxRecords });
      const records = [...stream.records()];
      const { truncated, unclosed } = stream.end as CsvEnd;
      expect(JSON.stringify({ separator: stream.separator, sepHint: stream.sepHint, records, truncated, ...(unclosed ? { unclosed } : {}) }), JSON.stringify(pieces)).toBe(papa);
    }
  });

  it("agrees on a long file of plain records with a malformed one, a lone CR and a multi-line field among them", () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `${i},"note ""${i}"", with a comma",x\r\n`);
    rows[100] = `100,"q"z,x\r\n`;
    rows[20_000] = `20000,a\rb,x\r\n`;
    rows[30_000] = `30000,"two\nlines",x\n`;
    const text = `id,notes,more\r\n${rows.join("")}`;
    const plain = readCsv(text);
    // As JSON text: a deep comparison of 40,000 records takes vitest longer than the reading.
    expect(JSON.stringify(plain) === JSON.stringify(readCsv(text, { papaOnly: true }))).toBe(true);
    expect(plain.records.length).toBe(40_002);
    expect(plain.records.filter((r) => r.error).map((r) => r.record)).toEqual([102]);
  });
});
