// `dataset=` and `key=` in API requests (strict) and page links (lenient): lib/url/dataset-params.ts.
import { describe, expect, it } from "vitest";
import { datasetQuery, parseDatasetParams, readDatasetParams } from "@/lib/url/dataset-params";
import { ParamError } from "@/lib/url/params";
import { readLink, formatUrlState } from "@/lib/url/state";

const KEY = "AbCdEfGhIjKlMnOpQrStUvWx"; // 24 base64url characters, as lib/auth makes them
const q = (text: string) => new URLSearchParams(text);

describe("parseDatasetParams (the API)", () => {
  it("defaults to the Daraa dataset with no key", () => {
    expect(parseDatasetParams(q(""))).toEqual({ datasets: ["daraa-2021"], keys: [] });
    expect(parseDatasetParams(q("dataset=&key="))).toEqual({ datasets: ["daraa-2021"], keys: [] });
  });

  it("reads slugs and keys as comma lists, without duplicates", () => {
    expect(parseDatasetParams(q(`dataset=a-1,b,a-1&key=${KEY},${KEY}`))).toEqual({ datasets: ["a-1", "b"], keys: [KEY] });
  });

  it.each([
    ["dataset=Daraa", "dataset", /not a dataset slug/],
    ["dataset=-x", "dataset", /not a dataset slug/],
    [`dataset=${"a".repeat(65)}`, "dataset", /not a dataset slug/],
    ["dataset=a,b,c,d,e,f,g,h,i", "dataset", /at most 8/],
    ["dataset=a&dataset=b", "dataset", /given 2 times/],
    ["key=short", "key", /link keys/],
    ["key=has%20space%20in%20it%20somewhere", "key", /link keys/],
  ])("%s: 400 naming %s", (text, field, reason) => {
    let err: unknown;
    try {
      parseDatasetParams(q(text));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParamError);
    expect((err as ParamError).field).toBe(field);
    expect((err as ParamError).message).toMatch(reason);
  });

  it("never echoes a key back in its error", () => {
    expect(() => parseDatasetParams(q("key=secret-but-malformed!"))).toThrow(/^key: .*\(value: "…"\)$/);
  });

  it("a route that reads one dataset refuses several", () => {
    expect(() => parseDatasetParams(q("dataset=a,b"), { single: true })).toThrow(/reads one dataset/);
  });
});

describe("readDatasetParams and readLink (the page)", () => {
  it("drops a bad dataset or key and names it, keeping the rest", () => {
    const { selection, dropped } = readDatasetParams(q(`dataset=Bad&key=${KEY}`));
    expect(selection).toEqual({ datasets: ["daraa-2021"], keys: [KEY] });
    expect(dropped.map((d) => d.field)).toEqual(["dataset"]);
    expect(readDatasetParams(q("dataset=ok&key=bad")).dropped).toEqual([{ field: "key", value: "…", reason: "is not a list of link keys (base64url)" }]);
  });

  it("readLink says which datasets the link names, and whether it names any", () => {
    expect(readLink("?map=10/32.6/36.1").datasets).toEqual({ datasets: ["daraa-2021"], keys: [], named: false });
    expect(readLink(`?dataset=mine,daraa-2021&key=${KEY}&incident=X-1`).datasets).toEqual({ datasets: ["mine", "daraa-2021"], keys: [KEY], named: true });
    expect(readLink("?dataset=Bad").dropped.map((d) => d.field)).toEqual(["dataset"]);
    expect(readLink("?dataset=Bad").datasets.named).toBe(false);
  });

  it("the page's own URLs keep dataset and key", () => {
    expect(formatUrlState({ selected: "X-1" }, `?dataset=mine&key=${KEY}`)).toBe(`?dataset=mine&key=${KEY}&incident=X-1`);
  });

  it("datasetQuery writes one dataset's request", () => {
    expect(datasetQuery("mine", [])).toBe("?dataset=mine");
    expect(datasetQuery("mine", [KEY, KEY.toLowerCase()])).toBe(`?dataset=mine&key=${KEY},${KEY.toLowerCase()}`);
  });
});
