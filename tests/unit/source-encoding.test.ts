// Encoding detection on bytes written here: each code page's bytes built from its decoder's own table.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import SourceFacts from "@/components/import/SourceFacts";
import { inspectFile } from "@/lib/import/pipeline";
import { plausibleWord, rankCodePages } from "@/lib/import/source/codepage";
import { decodeSource, guessEncoding, isUtf8, mojibakeWarning, resolveEncoding, textChunks } from "@/lib/import/source/encoding";
import { ImportError } from "@/lib/import/errors";

/** The bytes of `text` in a single-byte code page (TextEncoder only writes UTF-8). */
function encode(text: string, label: string): Uint8Array {
  const decoder = new TextDecoder(label);
  const table = new Map<string, number>();
  for (let b = 255; b >= 0; b--) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Uint8Array.from([...text].map((ch) => {
    const b = table.get(ch);
    if (b === undefined) throw new Error(`no ${label} byte for ${ch}`);
    return b;
  }));
}
const utf8 = (s: string) => new TextEncoder().encode(s);
const acled = (name: string) => `event_id_cnty,event_date,actor1,location,latitude,longitude\nX1,2021-01-01,Protesters,${name},1,2\nX2,2021-01-02,Protesters,Other,1,2\n`;

describe("guessEncoding", () => {
  it.each([
    ["Spanish", "Peña"],
    ["Spanish", "Logroño"],
    ["Portuguese", "São Paulo"],
    ["Portuguese", "Goiânia"],
    ["German", "Köln"],
    ["German", "Düsseldorf"],
    ["French", "Ségou"],
    ["French", "Côte d'Ivoire"],
  ])("reads a %s name (%s) in windows-1252 as windows-1252, not as Arabic", (_, name) => {
    const { guess } = guessEncoding(encode(acled(name), "windows-1252"));
    expect(guess).toMatchObject({ name: "windows-1252", basis: "detected" });
    expect(new TextDecoder(guess.name).decode(encode(acled(name), "windows-1252"))).toContain(name);
  });
  it.each(["درعا البلد", "نوى", "طفس", "إنخل"])("reads an Arabic name (%s) in windows-1256 as windows-1256, even in a two-row file", (name) => {
    expect(guessEncoding(encode(acled(name), "windows-1256")).guess.name).toBe("windows-1256");
  });
  it("reads Ukrainian in windows-1251 as windows-1251", () => {
    expect(guessEncoding(encode(acled("Київ"), "windows-1251")).guess.name).toBe("windows-1251");
  });
  it("offers the other code pages as alternatives, never the chosen one", () => {
    const { guess } = guessEncoding(encode(acled("Peña"), "windows-1252"));
    expect(guess.alternatives).toContain("windows-1256");
    expect(guess.alternatives).not.toContain("windows-1252");
  });
  it("trusts a BOM, then valid UTF-8", () => {
    expect(guessEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61])).guess).toMatchObject({ name: "utf-8", basis: "bom" });
    expect(guessEncoding(Uint8Array.from([0xff, 0xfe, 0x61, 0x00])).guess).toMatchObject({ name: "utf-16le", basis: "bom" });
    expect(guessEncoding(utf8("Peña,درعا")).guess).toMatchObject({ name: "utf-8", basis: "utf-8" });
  });
});

describe("isUtf8", () => {
  const fatal = (bytes: Uint8Array) => {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      return true;
    } catch {
      return false;
    }
  };
  it("judges every byte sequence as a fatal TextDecoder does: overlong forms, surrogates, past U+10FFFF, cut short", () => {
    const edges = [0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xee, 0xef, 0xf0, 0xf4, 0xf5, 0xff];
    let seed = 1;
    const random = () => ((seed = Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
    const cases: Uint8Array[] = [];
    for (const a of edges) for (const b of edges) for (const c of edges) cases.push(new Uint8Array([a, b, c]), new Uint8Array([0x41, a, b, c, 0x80, 0x80]));
    for (let k = 0; k < 20_000; k++) cases.push(Uint8Array.from({ length: 1 + Math.floor(random() * 8) }, () => edges[Math.floor(random() * edges.length)]));
    const disagree = cases.filter((bytes) => isUtf8(bytes) !== fatal(bytes));
    expect(disagree.map((b) => [...b])).toEqual([]);
    expect(cases.filter(fatal).length).toBeGreaterThan(500);
    expect(isUtf8(new TextEncoder().encode("Daraa, درعا, 😀"))).toBe(true);
  });

  it("judges a sequence among ASCII the same at every alignment (ASCII is skipped four bytes at a time)", () => {
    const sequences = [[0xc3, 0xb1], [0xe2, 0x80, 0x99], [0xf0, 0x9f, 0x98, 0x80], [0x80], [0xc3], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]];
    const disagree: string[] = [];
    for (const seq of sequences) {
      for (let before = 0; before < 12; before++) {
        for (let after = 0; after < 6; after++) {
          const whole = new Uint8Array([...Array(before + 3).fill(0x61), ...seq, ...Array(after).fill(0x62)]);
          // A fresh view per case at each offset into its buffer: isUtf8 remembers the views it has judged.
          for (let offset = 0; offset < 4; offset++) {
            const view = whole.slice().subarray(offset);
            if (isUtf8(view) !== fatal(view)) disagree.push(`${[...seq]} after ${before + 3 - offset} bytes at offset ${offset}`);
          }
        }
      }
    }
    expect(disagree).toEqual([]);
  });
});

describe("plausibleWord", () => {
  it("refuses words that mix scripts, accented-capital runs and undefined bytes", () => {
    expect(plausibleWord("Peña")).toBe(true);
    expect(plausibleWord("درعا")).toBe(true);
    expect(plausibleWord(new TextDecoder("windows-1256").decode(encode("Peña", "windows-1252")))).toBe(false);
    expect(plausibleWord(new TextDecoder("windows-1256").decode(encode("Köln", "windows-1252")))).toBe(false);
    expect(plausibleWord("ÏÑÚÇ")).toBe(false); // درعا read as windows-1252
    expect(plausibleWord("a\u0081b")).toBe(false);
  });
});

describe("decodeSource", () => {
  it("says a detected code page in a warning", () => {
    const d = decodeSource(encode(acled("Muñoz"), "windows-1252"));
    expect(d.text).toContain("Muñoz");
    expect(d.warnings[0]).toMatch(/not UTF-8; it was read as windows-1252 \(detected/);
  });
  it("lets the user's choice win, basis chosen, the detected one among the alternatives", () => {
    const d = decodeSource(encode(acled("Muñoz"), "windows-1252"), "windows-1256");
    expect(d.encoding).toMatchObject({ name: "windows-1256", basis: "chosen" });
    expect(d.encoding.alternatives[0]).toBe("windows-1252");
    expect(d.text).not.toContain("Muñoz");
    expect(decodeSource(utf8("a"), "latin1").encoding.name).toBe("windows-1252");
  });
  it("refuses an unknown encoding label, naming the field", () => {
    expect(() => decodeSource(utf8("a"), "klingon")).toThrow(ImportError);
    expect(() => decodeSource(utf8("a"), "klingon")).toThrow(/^encoding: /);
  });
  it("warns about UTF-8 read as windows-1252 (mojibake), naming it", () => {
    const d = decodeSource(utf8("name\nJosÃ© PeÃ±a\n"));
    expect(d.warnings.join("\n")).toMatch(/"Ã©".*UTF-8 .* read as windows-1252/);
    expect(mojibakeWarning("It\u00e2\u20ac\u2122s")).toMatch(/â€™/);
    expect(mojibakeWarning("José Peña, Ãlvaro")).toBeNull();
  });
  it("warns about a UTF-8 file with one windows-1252 row appended: the UTF-8 names show as mojibake", () => {
    const bytes = Uint8Array.from([...utf8("name\nJosé\n"), ...encode("Peña\n", "windows-1252")]);
    const d = decodeSource(bytes);
    expect(d.encoding.name).toBe("windows-1252");
    expect(d.text).toContain("Peña");
    expect(d.warnings.join("\n")).toMatch(/"Ã©" \(in "name JosÃ©/);
  });
  it("says it is unsure when no code page reads the words as words", () => {
    const noise = Uint8Array.from([0x61, 0x81, 0x8d, 0x8f, 0x62, 0x0a, 0x63, 0x90, 0x9d, 0x64, 0x0a]);
    const d = decodeSource(noise);
    expect(d.encoding.basis).toBe("detected");
    expect(d.warnings.join("\n")).toMatch(/the encoding is uncertain: .* still look wrong/);
  });
  it("refuses NUL bytes (binary, or UTF-16 without a BOM) naming the field file", () => {
    const le = Uint8Array.from([0x61, 0x00, 0x2c, 0x00, 0x62, 0x00]);
    expect(() => decodeSource(le)).toThrow(/^file: .*NUL/);
  });
  it("refuses a UTF-8 BOM over bytes that are not UTF-8", () => {
    expect(() => decodeSource(Uint8Array.from([0xef, 0xbb, 0xbf, 0xc7, 0xe1]))).toThrow(/not valid UTF-8/);
  });
});

describe("textChunks", () => {
  it("decodes in pieces without splitting a character, whatever the chunk size", () => {
    const bytes = utf8("\uFEFFPeña,درعا,Київ\n");
    const resolved = resolveEncoding(bytes);
    for (const n of [1, 2, 3, 5]) expect([...textChunks(bytes, resolved, n)].join("")).toBe("Peña,درعا,Київ\n");
  });
  it("refuses a NUL in a later chunk, counting characters from the start", () => {
    const bytes = Uint8Array.from([...utf8("abcdef"), 0, 0x61]);
    expect(() => [...textChunks(bytes, resolveEncoding(bytes), 4)]).toThrow(/NUL at character 6/);
  });
});

// windows-1252's typographic bytes written out here, not taken from a decoder (Node's reads them as C1 controls).
const TYPOGRAPHIC: Record<string, number> = { "…": 0x85, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95, "–": 0x96, "—": 0x97 };
/** `text` in windows-1252: Latin-1 letters are their own code point, punctuation from the table above. */
function cp1252(text: string): Uint8Array {
  return Uint8Array.from([...text].map((ch) => {
    const b = TYPOGRAPHIC[ch] ?? (ch.codePointAt(0) as number);
    if (b > 0xff || (b >= 0x80 && b < 0xa0 && TYPOGRAPHIC[ch] === undefined)) throw new Error(`no windows-1252 byte for ${ch}`);
    return b;
  }));
}
const NBSP = "\u00a0";
// ACLED-like rows in English and French: curly quotes, dashes, NBSPs and accented letters.
const NOTES = [
  `Rebels’ attack – “heavy” fighting near the Café${NBSP}du${NBSP}Marché; 3${NBSP}killed…`,
  `Army’s convoy ambushed – “no casualties” reported on the Ségou${NBSP}road`,
  `Manifestants devant la Préfecture – la police a dispersé la foule${NBSP}: “calme” revenu`,
  "Unidentified armed men attacked a village; the chief’s house was burned",
];
const westAfrica = (rows: number) =>
  "event_id_cnty,event_date,country,location,latitude,longitude,notes\n" +
  Array.from({ length: rows }, (_, i) => `MLI${i},2020-03-${String(1 + (i % 28)).padStart(2, "0")},Mali,${["Mopti", "Ségou", "Ménaka", "Gao"][i % 4]},14.49,-4.19,"${NOTES[i % NOTES.length]}"\n`).join("");

describe("a windows-1252 file of typographic punctuation, NBSPs and Latin letters", () => {
  it("is windows-1252, not windows-1256, and its quotes and dashes read as such", () => {
    const bytes = cp1252(westAfrica(300));
    const d = decodeSource(bytes);
    expect(d.encoding.name).toBe("windows-1252");
    expect(d.text).toContain(`Rebels’ attack – “heavy” fighting near the Café${NBSP}du${NBSP}Marché; 3${NBSP}killed…`);
    expect(d.warnings.join("\n")).not.toMatch(/uncertain/);
  });
  it("is windows-1252 even in a two-row file whose letters windows-1256 shares (é, è, ç): windows-1256 needs Arabic words", () => {
    const bytes = cp1252("id,notes\n1,“Café” – près de la gare\n2,l’église du Faubourg\n");
    expect(guessEncoding(bytes).guess.name).toBe("windows-1252");
    // Every word reads as well in windows-1256 (é è ’ “ are there too): only the absent Arabic words rule it out.
    expect(rankCodePages(bytes).find((p) => p.name === "windows-1256")).toMatchObject({ implausible: 0, eligible: false });
  });
  it("still reads Arabic words in windows-1256 beside English punctuation", () => {
    const text = "id,location,notes\n1,درعا البلد,Shelling – “heavy”\n2,طفس,Army’s raid\n";
    const bytes = Uint8Array.from([...text].map((ch) => TYPOGRAPHIC[ch] ?? encode(ch, "windows-1256")[0]));
    expect(guessEncoding(bytes).guess.name).toBe("windows-1256");
  });
  it("carries one line read both ways when another code page reads the file as plausibly", () => {
    const { guess } = guessEncoding(cp1252("id,name\n1,plain\n2,Peña – “x”\n"));
    expect(guess.readings).toEqual([
      { name: "windows-1252", text: "2,Peña – “x”" },
      { name: expect.any(String), text: expect.not.stringContaining("Peña") },
    ]);
  });
  it("shows the line read both ways beside the encoding choice, as text", () => {
    const inspection = inspectFile(cp1252("id,name\n1,<b>Peña</b> – “x”\n"), "x.csv");
    const html = renderToStaticMarkup(createElement(SourceFacts, { inspection, profile: "custom", estimate: { rows: 1, exact: true }, read: {}, busy: false, onRead: () => {} }));
    expect(html).toContain("<q dir=\"auto\">1,&lt;b&gt;Peña&lt;/b&gt; – “x”</q>");
  });
  it("carries the second reading for an Arabic file too, the Arabic first", () => {
    const { guess } = guessEncoding(encode(acled("درعا البلد"), "windows-1256"));
    expect(guess.readings?.[0]).toEqual({ name: "windows-1256", text: "X1,2021-01-01,Protesters,درعا البلد,1,2" });
  });
});
