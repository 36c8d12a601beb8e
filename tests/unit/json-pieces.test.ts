// lib/server/json-pieces.ts: JSON text parsed a piece at a time as it arrives gives what JSON.parse gives of
// the whole text (the oracle), wherever the chunks are cut, and refuses what JSON.parse refuses.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { JsonPieces, NotJson, SPLIT_DEPTH } from "@/lib/server/json-pieces";
import { MAX_JSON_DEPTH } from "@/lib/server/json-nesting";

const daraa = readFileSync("geodata/incidents.geojson", "utf8");

/** The text's bytes pushed in the pieces `cuts` (byte offsets) make; what end() gives, or the error. */
function parsed(text: string, cuts: number[]): { value?: unknown; error?: Error; deepest: number } {
  const bytes = Buffer.from(text);
  const json = new JsonPieces();
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    json.push(new Uint8Array(bytes.subarray(from, cut)));
    from = cut;
  }
  try {
    return { value: json.end(), deepest: json.deepest };
  } catch (error) {
    return { error: error as Error, deepest: json.deepest };
  }
}

function oracle(text: string): { value?: unknown; error?: Error } {
  if (text.trim() === "") return { value: undefined };
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: error as Error };
  }
}

const every = (n: number) => Array.from({ length: n + 1 }, (_, i) => i);
const chunksOf = (size: number, n: number) => every(Math.floor(n / size)).map((i) => i * size);

function expectSame(text: string, cuts: number[], how: string): void {
  const got = parsed(text, cuts);
  const want = oracle(text);
  if (want.error) {
    expect(got.error, `${how}: ${JSON.stringify(text).slice(0, 80)} is refused`).toBeInstanceOf(Error);
    return;
  }
  expect(got.error, `${how}: ${JSON.stringify(text).slice(0, 80)}`).toBeUndefined();
  expect(got.value, how).toEqual(want.value);
  // Key order too (toEqual ignores it).
  expect(JSON.stringify(got.value), how).toBe(JSON.stringify(want.value));
}

// Texts JSON.parse takes: every piece kind at every level, and the shapes a save's body may take.
const VALID = [
  "{}",
  "[]",
  " \n\t{ } \r\n",
  '{"a":1}',
  '{"name":"x","visibility":"public","collection":{"type":"FeatureCollection","features":[]}}',
  '{"collection":{"features":[{"type":"Feature","properties":{"n":[1,[2,[3,{"x":[]}]]],"s":"}]\\"[{"},"geometry":{"type":"Point","coordinates":[36.1,32.6]}}],"type":"FeatureCollection"},"name":"z"}',
  '{"collection":[1,2,{"features":3}]}',
  '{"collection":"text","features":[1]}',
  '{"collection":{"features":{"0":{"a":1}}}}',
  '{"a":1,"b":2,"a":3}',
  '{"collection":{"features":[1]},"collection":{"features":[2,3]}}',
  '{"__proto__":{"polluted":1},"constructor":{"prototype":2}}',
  '{"a":{"__proto__":[1]},"b":{"c":{"__proto__":2}}}',
  '[[[[["deep"]]]],-0,0.5e-3,1E+2,true,false,null,"",[],{}]',
  '{"esc":"\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\ud83d\\ude00","k\\"ey":"v","\\u005f":0}',
  '{"arabic":"درعا البلد","emoji":"😀👍🏽","mixed":["ä","€","𝄞"],"درعا":{"€":["😀"]}}',
  '{"n":12345678901234567890,"m":-1.5e308,"tiny":5e-324,"big":1e400}',
  '{"1":"a","0":"b","x":"c"}',
  '{"k":"\u0080\u07ff\u0800\uffff"}',
  "  {\"late\": \"whitespace\"}  ",
];

// Texts JSON.parse refuses, broken at each place a piece or the structure can break.
const INVALID = [
  "{",
  "[",
  '{"a"',
  '{"a":',
  '{"a":1',
  '{"a":1,}',
  "[1,]",
  "[,1]",
  '{"a" 1}',
  '{a:1}',
  "{'a':1}",
  '{"a":1 "b":2}',
  '{"a":1}}',
  '{"a":1} x',
  '{"a":1}{}',
  '{"a":[1}',
  '{"a":{"b":1]}',
  '{"collection":{"features":[{"a":1]}}',
  '{"collection":{"features":[{"a":tru}]}}',
  '{"collection":{"features":[{"a":01}]}}',
  '{"collection":{"features":[1 2]}}',
  '{"collection":{"features":[{"s":"unterminated}]}}',
  '{"collection":{"features":[{"s":"bad \\x escape"}]}}',
  '{"s":"raw \n newline"}',
  '{"a":nul}',
  '{"a":-}',
  '{"a":1.}',
  '{"a":.5}',
  '{"a":+1}',
  '{"a":NaN}',
  '{"a":1e}',
  '{"a":"x"]',
  '{"a"::1}',
  "{,}",
  '{"a":1,,"b":2}',
  '[1 "a"]',
  '{"a":1}\u00a0',
  "\ufeff{}",
  "{}\u0000",
  "nope",
  "[1,2",
  '["\\ud800"x]',
];

describe("JSON text parsed in pieces", () => {
  it("gives what JSON.parse gives, cut at every byte (two chunks) and in 1, 2, 3 and 7-byte chunks", () => {
    for (const text of [...VALID, ...INVALID]) {
      const n = Buffer.byteLength(text);
      for (const cut of every(n)) expectSame(text, [cut], `cut at ${cut}`);
      for (const size of [1, 2, 3, 7]) expectSame(text, chunksOf(size, n), `chunks of ${size}`);
    }
  });

  it("cuts inside escapes and multibyte characters (the bytes of one character in different chunks)", () => {
    const text = '{"collection":{"features":[{"s":"\\\\\\"😀€é\\u00e9","t":["درعا","\\\\"]}]}}';
    const bytes = Buffer.from(text);
    const emoji = bytes.indexOf(Buffer.from("😀"));
    const backslashes = bytes.indexOf(0x5c);
    // A cut between each pair of the emoji's four bytes, and between each backslash of the escapes.
    for (const cut of [emoji + 1, emoji + 2, emoji + 3, backslashes + 1, backslashes + 2, backslashes + 3]) {
      expectSame(text, [cut], `cut at ${cut}`);
      expectSame(text, [cut - 1, cut, cut + 1], `cuts around ${cut}`);
    }
    expect(parsed(text, [emoji + 2]).value).toEqual(JSON.parse(text));
  });

  it("reads a real collection in a save's body, in chunks of every size the network may bring", () => {
    const body = `{"name":"Daraa","visibility":"public","collection":${daraa},"licence":"CC"}`;
    const n = Buffer.byteLength(body);
    for (const size of [1, 13, 1000, 16_384, 65_536, n]) expectSame(body, chunksOf(size, n), `chunks of ${size}`);
    // Cuts at pseudo-random places, inside keys, numbers, strings and between features alike.
    const cuts = Array.from({ length: 200 }, (_, i) => Math.floor(((i * 7919) % 200) * (n / 200) + (i % 13))).sort((a, b) => a - b);
    expectSame(body, cuts, "random cuts");
  });

  it("parses each value below SPLIT_DEPTH levels on its own, so the pieces are features, not the whole body", () => {
    const calls: string[] = [];
    const parse = JSON.parse;
    JSON.parse = ((text: string) => (calls.push(text), parse(text))) as typeof JSON.parse;
    try {
      parsed('{"collection":{"features":[{"a":[1,2]},{"b":"}"}],"type":"FeatureCollection"},"name":"x"}', [10, 30]);
    } finally {
      JSON.parse = parse;
    }
    expect(SPLIT_DEPTH).toBe(3);
    expect(calls).toEqual(['"collection"', '"features"', '{"a":[1,2]}', '{"b":"}"}', '"type"', '"FeatureCollection"', '"name"', '"x"']);
  });

  it("a key __proto__ is an own property, as JSON.parse makes it, and nothing is polluted", () => {
    const { value } = parsed('{"__proto__":{"polluted":1},"a":{"__proto__":{"polluted":2}}}', [3]);
    const v = value as Record<string, Record<string, unknown>>;
    expect(Object.keys(v)).toEqual(["__proto__", "a"]);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v.a)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("names the byte where the text stops being JSON, in the whole text, not in its piece", () => {
    const text = '{"collection":{"features":[{"a":1},{"a":tru}]}}';
    const at = text.indexOf("tru") - '{"a":'.length;
    for (const cuts of [[], [at + 2], chunksOf(1, text.length)]) {
      const { error } = parsed(text, cuts);
      expect(error).toBeInstanceOf(NotJson);
      expect(error!.message).toMatch(/^at byte \d+: /);
      const byte = Number(/^at byte (\d+)/.exec(error!.message)![1]);
      expect(byte).toBeGreaterThanOrEqual(at);
      expect(byte).toBeLessThanOrEqual(text.indexOf("tru") + 3);
    }
    expect(parsed('{"a":1 "b":2}', []).error!.message).toBe("at byte 7: expected ',' or '}' after a value, found '\"'");
    expect(parsed('{"a":[1,2]]', [4]).error!.message).toBe("at byte 10: ']' closes an object");
    expect(parsed('{"a":{"b":"é" x', []).error!.message).toBe("at byte 15: expected ',' or '}' after a value, found 'x'");
    expect(parsed('{"a":', []).error!.message).toBe("at byte 5: Unexpected end of JSON input");
  });

  it("counts the nesting as Nesting does: deep inside a feature, after a syntax error, in a text parsed whole", () => {
    const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
    const cases = [
      `{"collection":{"features":[${deep(MAX_JSON_DEPTH)}]}}`,
      `{"collection":{"features":[1 2, ${deep(MAX_JSON_DEPTH)}]}}`,
      `x ${deep(MAX_JSON_DEPTH + 1)}`,
      `{"s":"[[[[", "a":${deep(MAX_JSON_DEPTH - 1)}}`,
    ];
    const depths = cases.map((text) => [1, 5, 1000].map((size) => parsed(text, chunksOf(size, text.length)).deepest));
    expect(depths).toEqual([
      [MAX_JSON_DEPTH + 1, MAX_JSON_DEPTH + 1, MAX_JSON_DEPTH + 1],
      [MAX_JSON_DEPTH + 1, MAX_JSON_DEPTH + 1, MAX_JSON_DEPTH + 1],
      [MAX_JSON_DEPTH + 1, MAX_JSON_DEPTH + 1, MAX_JSON_DEPTH + 1],
      [MAX_JSON_DEPTH, MAX_JSON_DEPTH, MAX_JSON_DEPTH],
    ]);
    expect(parsed(`{"a":${deep(MAX_JSON_DEPTH - 1)}}`, [7]).value).toEqual({ a: JSON.parse(deep(MAX_JSON_DEPTH - 1)) });
  });
});
