// The one query-string codec of a filter (lib/url/filter-params.ts): the API's strict reader, the page's
// lenient one, the writer, and the rules every parameter follows (lib/url/params.ts).
import { describe, expect, it } from "vitest";
import type { IncidentFilter } from "@/lib/incident/filter";
import { parseFilterParams, readFilterParams, writeFilterParams } from "@/lib/url/filter-params";
import { ParamError, queryLength, queryText } from "@/lib/url/params";
import { describeDropped, formatUrlState, parseUrlState, readLink, safeFilter } from "@/lib/url/state";

const GOV = "Military Forces of Syria (2000-2024)";

describe("query parameters", () => {
  const full: IncidentFilter = {
    from: "2021-07-29",
    to: "2021-09-05",
    includeUndated: true,
    types: ["Battles", "Explosions/Remote violence"],
    actors: [GOV, "Comma, Inc. & 50% /slash"],
    fatalities: "some",
    geoPrecision: [1, 2],
  };

  it("round-trips a filter, canonically ordered", () => {
    const params = new URLSearchParams();
    writeFilterParams({ ...full, types: ["Explosions/Remote violence", "Battles"], geoPrecision: [2, 1] }, params);
    expect(params.get("types")).toBe("Battles,Explosions/Remote violence");
    expect(params.get("precision")).toBe("1,2");
    expect(params.get("undated")).toBe("1");
    expect(params.get("fatal")).toBe("some");
    expect(parseFilterParams(new URLSearchParams(params.toString()))).toEqual({ ...full, actors: [...full.actors!].sort() });
  });

  it("round-trips an empty filter to no parameters", () => {
    const params = new URLSearchParams();
    writeFilterParams({}, params);
    expect(params.toString()).toBe("");
    expect(parseFilterParams(params)).toEqual({});
  });

  it("keeps actor names with commas intact, even through url-state's comma unescaping", () => {
    const params = new URLSearchParams();
    writeFilterParams({ actors: ["Comma, Inc.", "B"] }, params);
    const search = formatUrlState({ selected: "DAR-2021-012" }, params.toString());
    expect(parseFilterParams(new URLSearchParams(search)).actors).toEqual(["B", "Comma, Inc."]);
    expect(parseUrlState(search).selected).toBe("DAR-2021-012");
  });

  it("sets and deletes only its own parameters", () => {
    const params = new URLSearchParams("map=11/32.6/36.1&incident=X&layers=siege&from=2021-01-01&types=Riots&bbox=1,2,3,4");
    writeFilterParams({ to: "2021-08-10" }, params);
    expect(params.toString()).toBe("map=11%2F32.6%2F36.1&incident=X&layers=siege&bbox=1%2C2%2C3%2C4&to=2021-08-10");
  });

  it("writes bbox only when asked (API URLs), and reads it only when allowed", () => {
    const params = new URLSearchParams();
    writeFilterParams({ bbox: [36, 32.5, 36.2, 32.8] }, params);
    expect(params.has("bbox")).toBe(false);
    writeFilterParams({ bbox: [36, 32.5, 36.2, 32.8] }, params, { includeBbox: true });
    expect(params.get("bbox")).toBe("36,32.5,36.2,32.8");
    expect(parseFilterParams(params)).toEqual({});
    expect(parseFilterParams(params, { allowBbox: true })).toEqual({ bbox: [36, 32.5, 36.2, 32.8] });
    writeFilterParams({}, params, { includeBbox: true });
    expect(params.has("bbox")).toBe(false);
  });

  it("treats empty values as unset and ignores unknown parameters", () => {
    expect(parseFilterParams(new URLSearchParams("from=&types=&actors=&precision=,&foo=bar"))).toEqual({});
  });

  function rejection(query: string, options?: { allowBbox?: boolean }): ParamError {
    try {
      parseFilterParams(new URLSearchParams(query), options);
    } catch (err) {
      expect(err).toBeInstanceOf(ParamError);
      return err as ParamError;
    }
    throw new Error(`expected ${query} to be rejected`);
  }

  it("rejects a day that does not exist, naming the field and value", () => {
    const err = rejection("from=2021-02-30");
    expect(err.field).toBe("from");
    expect(err.value).toBe("2021-02-30");
    expect(err.message).toBe('from: must be a real calendar day YYYY-MM-DD (value: "2021-02-30")');
    expect(rejection("to=2021-08-01T00:00:00Z").field).toBe("to");
  });

  it("rejects to before from", () => {
    const err = rejection("from=2021-08-10&to=2021-08-09");
    expect(err.field).toBe("to");
    expect(err.message).toBe('to: must not be before from (2021-08-10) (value: "2021-08-09")');
    expect(parseFilterParams(new URLSearchParams("from=2021-08-10&to=2021-08-10"))).toEqual({ from: "2021-08-10", to: "2021-08-10" });
  });

  it("reads any category, a file's own or one the data lacks (it matches nothing), in canonical order", () => {
    expect(parseFilterParams(new URLSearchParams("types=Skirmish,Battles,battles,Unclassified,Battles"))).toEqual({ types: ["Battles", "Skirmish", "Unclassified", "battles"] });
    expect(parseFilterParams(new URLSearchParams("types=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E,%E2%80%AEgnilleh"))).toEqual({ types: ["<img src=x onerror=alert(1)>", "\u202egnilleh"] });
  });

  it("rejects only what no category can be: control characters, blanks around, over 100 characters, naming it", () => {
    const err = rejection("types=Battles,Shel%01ling");
    expect(err.field).toBe("types");
    expect(err.message).toBe('types: event type "Shel\\u0001ling" must not contain control characters (value: "Battles,Shel\\u0001ling")');
    expect(rejection("types=%20Shelling").message).toMatch(/^types: event type " Shelling" must not begin or end with blanks/);
    expect(rejection(`types=${"x".repeat(101)}`).message).toMatch(/^types: event type "x+" must be at most 100 characters/);
    expect(rejection("types=100%").message).toMatch(/^types: malformed percent-encoding in "100%"/);
  });

  it("round-trips categories holding commas, percent signs, markup and bidi controls through a link", () => {
    const types = ["Battles", "Shelling, heavy", "100% sure", "<img src=x onerror=alert(1)>", "\u202eevil", "قصف", "Unclassified"];
    const params = new URLSearchParams();
    writeFilterParams({ types }, params);
    expect(params.get("types")).toBe("Battles,100%25 sure,<img src=x onerror=alert(1)>,Shelling%2C heavy,Unclassified,قصف,\u202eevil");
    const link = queryText(params);
    expect(link.startsWith("?types=Battles,100%2525+sure,")).toBe(true);
    expect(readFilterParams(new URLSearchParams(link)).filter.types).toEqual(["Battles", "100% sure", "<img src=x onerror=alert(1)>", "Shelling, heavy", "Unclassified", "قصف", "\u202eevil"]);
  });

  it("rejects fatal=maybe, undated=yes, precision=4 and broken percent-encoding", () => {
    expect(rejection("fatal=maybe").message).toBe('fatal: must be "some" (at least one) or "none" (value: "maybe")');
    expect(rejection("undated=yes").field).toBe("undated");
    expect(rejection("precision=1,4").message).toMatch(/^precision: unknown geo precision "4"/);
    expect(rejection("actors=%25E0%25A4%25A").field).toBe("actors");
  });

  it("rejects a malformed bbox only where bbox is allowed", () => {
    for (const bad of ["1,2,3", "a,b,c,d", "36,32,35,33", "0,0,0,200"]) {
      const err = rejection(`bbox=${bad}`, { allowBbox: true });
      expect(err.field).toBe("bbox");
      expect(err.value).toBe(bad);
      expect(err.message).toMatch(/^bbox: must/);
    }
    expect(parseFilterParams(new URLSearchParams("bbox=garbage"))).toEqual({});
  });

  it("rejects an overlong parameter before splitting it", () => {
    expect(rejection(`actors=${"x".repeat(5000)}`).message).toMatch(/^actors: longer than \d+ characters/);
  });
});


describe("one rule for repeated and array parameters (issue 17)", () => {
  it("a parameter given twice is a 400 on the API, naming it", () => {
    const err = (() => {
      try {
        parseFilterParams(new URLSearchParams("bbox=35,32,37,33&bbox=NaN"), { allowBbox: true });
      } catch (e) {
        return e as ParamError;
      }
    })();
    expect(err).toBeInstanceOf(ParamError);
    expect(err!.field).toBe("bbox");
    expect(err!.message).toMatch(/^bbox: given 2 times; give it once/);
  });

  it("an array form (types[]=) is a 400 naming it, never silently the whole dataset", () => {
    expect(() => parseFilterParams(new URLSearchParams("types[]=Battles"))).toThrow(/^types\[\]: array form is not read; give types=a,b once/);
    expect(() => parseFilterParams(new URLSearchParams("actors[0]=x"))).toThrow(ParamError);
  });

  it("the page drops them the same way and keeps the rest", () => {
    const { filter, dropped } = readFilterParams(new URLSearchParams("types=Battles&fatal=some&fatal=none&precision[]=1"));
    expect(filter).toEqual({ types: ["Battles"] });
    expect(dropped.map((d) => d.field)).toEqual(["fatal", "precision[]"]);
  });
});

describe("strict bbox (issue 17)", () => {
  it.each([",,,", "35,,37,", "0x23,0x20,0x24,0x21", " 35,32,37,33", "35,32,37,33,", "Infinity,32,37,33", "1e400,32,37,33"])("bbox=%s is a 400 naming bbox", (bad) => {
    expect(() => parseFilterParams(new URLSearchParams({ bbox: bad }), { allowBbox: true })).toThrow(/^bbox: must/);
  });
  it("reads plain decimals, negative and exponent forms as JavaScript writes them", () => {
    expect(parseFilterParams(new URLSearchParams("bbox=-0.5,1e-7,36.1,33"), { allowBbox: true }).bbox).toEqual([-0.5, 1e-7, 36.1, 33]);
  });
});

describe("the page's lenient reader (issue 17: one bad value must not drop every filter)", () => {
  it("keeps the good parameters, drops the bad one and says why", () => {
    const { filter, dropped } = readLink("?types=Battles&fatal=bogus");
    expect(filter).toEqual({ types: ["Battles"] });
    expect(dropped).toEqual([{ field: "fatal", value: "bogus", reason: 'must be "some" (at least one) or "none"' }]);
    expect(describeDropped(dropped)).toBe('fatal=bogus (must be "some" (at least one) or "none")');
    expect(safeFilter("?types=Battles&fatal=bogus")).toEqual({ types: ["Battles"] });
  });

  it("drops to when it is before from, keeping from", () => {
    const { filter, dropped } = readFilterParams(new URLSearchParams("from=2021-08-10&to=2021-08-01"));
    expect(filter).toEqual({ from: "2021-08-10" });
    expect(dropped[0]).toMatchObject({ field: "to", value: "2021-08-01" });
  });

  it("never throws, whatever the link holds", () => {
    for (const q of ["?actors=%E0%A4%A", "?from=%", "?types=%ff", `?actors=${"x".repeat(5000)}`, "?map=<script>&layers=bogus&ref=1,2,3"]) {
      expect(() => readLink(q)).not.toThrow();
    }
    expect(readLink("?map=99/32/36&layers=siege,bogus").dropped.map((d) => d.field)).toEqual(["map", "layers"]);
  });

  it("does not read bbox on the page (its view is map=)", () => {
    expect(readLink("?bbox=1,2,3,4")).toEqual({ state: {}, filter: {}, datasets: { datasets: ["daraa-2021"], keys: [], named: false }, dropped: [] });
  });
});

describe("query length (issue 17: the limit counts what the client sent)", () => {
  it("counts a comma once, however it was escaped", () => {
    const literal = new URLSearchParams(`types=Battles${",".repeat(1330)}`);
    const escaped = new URLSearchParams(`types=Battles${"%2C".repeat(1330)}`);
    expect(queryLength(literal)).toBe("types=Battles".length + 1330);
    expect(queryLength(escaped)).toBe(queryLength(literal));
    expect(queryLength(new URLSearchParams(""))).toBe(0);
    expect(queryLength(new URLSearchParams("a=1&b=2"))).toBe(7);
  });
  it("queryText keeps / and , readable, once for the page and its URL state", () => {
    expect(queryText(new URLSearchParams({ map: "11/32.6/36.1", types: "Battles,Riots" }))).toBe("?map=11/32.6/36.1&types=Battles,Riots");
    expect(queryText(new URLSearchParams())).toBe("");
  });
});
