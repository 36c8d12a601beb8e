// Excel .xlsx → Source: workbooks built here (fflate, read-excel-file's own unzipper, zips the parts).
import { zipSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { readSource, readSourceAsync } from "@/lib/import/source";
import { zipEntries } from "@/lib/import/source/zip";

type Cell = string | number | { date: number } | null;
const col = (i: number) => String.fromCharCode(65 + i);

function sheetXml(rows: Cell[][]): string {
  const cells = rows.map((r, ri) => `<row r="${ri + 1}">${r.map((v, ci) => {
    const ref = `${col(ci)}${ri + 1}`;
    if (v === null) return "";
    if (typeof v === "number") return `<c r="${ref}"><v>${v}</v></c>`;
    if (typeof v === "object") return `<c r="${ref}" s="1"><v>${v.date}</v></c>`;
    return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${v.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</t></is></c>`;
  }).join("")}</row>`).join("");
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${cells}</sheetData></worksheet>`;
}

/** A workbook of named sheets; cell 1 style is a date (numFmt 14). */
function workbook(sheets: Record<string, Cell[][]>): Uint8Array {
  const names = Object.keys(sheets);
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("")}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`),
    "_rels/.rels": strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    "xl/workbook.xml": strToU8(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`),
    "xl/styles.xml": strToU8(`<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`),
  };
  names.forEach((n, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(sheets[n]))));
  return zipSync(files);
}

const ACLED: Cell[][] = [
  ["event_id_cnty", "event_date", "latitude", "longitude", "notes", null, null],
  ["SYR1", { date: 44409 }, 32.7366, 35.9736, " shelling\u00a0", null, null],
  ["SYR2", "9-May-20", 32, 53.9, null, null, null],
];

describe("readSourceAsync: xlsx", () => {
  it("reads the first sheet with data: numbers stay numbers, date cells become ISO days, and says so", async () => {
    const s = await readSourceAsync(workbook({ Empty: [], Events: ACLED }), "acled.xlsx");
    expect(s).toMatchObject({ format: "xlsx", sheets: ["Empty", "Events"], sheet: "Events", hasGeometry: false, totalHint: 2 });
    expect(s.columns).toEqual(["event_id_cnty", "event_date", "latitude", "longitude", "notes"]);
    expect(s.sample).toEqual([
      { row: 1, line: 2, values: ["SYR1", "2021-08-01", 32.7366, 35.9736, " shelling\u00a0"] },
      { row: 2, line: 3, values: ["SYR2", "9-May-20", 32, 53.9, ""] },
    ]);
    expect(s.warnings).toContain("dates in Excel date cells were read as calendar days (YYYY-MM-DD, no time zone)");
    expect(s.warnings.join("\n")).toMatch(/2 sheets; "Events" was read/);
    expect([...s.batches()].flatMap((b) => b.records)).toEqual(s.sample);
  });
  it("reads the sheet the user chose, and refuses one that does not exist, naming the sheets", async () => {
    const bytes = workbook({ A: [["x"], [1]], B: [["y"], [2]] });
    expect((await readSourceAsync(bytes, "w.xlsx", { sheet: "B" })).sample[0].values).toEqual([2]);
    await expect(readSourceAsync(bytes, "w.xlsx", { sheet: "C" })).rejects.toThrow(/^sheet: no such sheet; the workbook has "A", "B"/);
  });
  it("takes an HXL row out and names blank and repeated headers", async () => {
    const s = await readSourceAsync(workbook({ S: [["date", "", "date"], ["#date", "#geo+lat", null], ["2021-01-01", 1, "x"]] }), "h.xlsx");
    expect(s.columns).toEqual(["date", "column 2", "date (2)"]);
    expect(s.hxl).toEqual(["#date", "#geo+lat", null]);
    expect(s.sample).toEqual([{ row: 1, line: 3, values: ["2021-01-01", 1, "x"] }]);
  });
  it("is detected by its zip bytes whatever its name, and readSource points to readSourceAsync", async () => {
    const bytes = workbook({ S: [["a"], [1]] });
    expect((await readSourceAsync(bytes, "download")).format).toBe("xlsx");
    expect(() => readSource(bytes, "w.xlsx")).toThrow(/readSourceAsync/);
  });
  it("refuses a workbook that would expand past the limit, before expanding it", async () => {
    const bytes = workbook({ S: [["a"], ...Array.from({ length: 2000 }, () => ["same text in every row"])] });
    const unpacked = zipEntries(bytes).reduce((n, e) => n + e.uncompressed, 0);
    await expect(readSourceAsync(bytes, "w.xlsx", { limits: { maxXlsxExpandedBytes: unpacked - 1 } })).rejects.toThrow(/^file: the workbook would expand to/);
    await expect(readSourceAsync(bytes, "w.xlsx", { limits: { maxXlsxExpandedBytes: unpacked } })).resolves.toBeTruthy();
  });
  it("refuses a zip bomb by its expansion ratio", async () => {
    const bomb = zipSync({ "xl/worksheets/sheet1.xml": new Uint8Array(8 << 20) }, { level: 9 });
    await expect(readSourceAsync(bomb, "b.xlsx")).rejects.toThrow(/zip bomb/);
  });
  it("refuses .xls and .ods with a clear message, and a .xlsx that is not a zip", async () => {
    expect(() => readSource(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), "old.xls")).toThrow(/Excel 97–2003/);
    expect(() => readSource(new TextEncoder().encode("a,b\n"), "sheet.ods")).toThrow(/OpenDocument/);
    await expect(readSourceAsync(new TextEncoder().encode("a,b\n1,2\n"), "fake.xlsx")).rejects.toThrow(/not a zip archive/);
  });
});
