// GET /api/incidents's refusals, decided before any dataset is read (so without a store). Its answers, from
// the store on both engines, are in tests/unit/serve-store.test.ts.
import { describe, expect, it } from "vitest";
import { GET, MAX_QUERY_STRING } from "@/app/api/incidents/route";

const get = (query: string) => GET(new Request(`http://x/api/incidents${query}`));

describe("GET /api/incidents refuses", () => {
  it.each([
    ["?bbox=1,2,3", "bbox", "1,2,3"],
    ["?bbox=10,0,5,1", "bbox", "10,0,5,1"],
    ["?from=2021-02-30", "from", "2021-02-30"],
    ["?from=2021-08-05&to=2021-08-01", "to", "2021-08-01"],
    ["?types=Battle%0A", "types", "Battle\\n"],
    ["?fatal=many", "fatal", "many"],
    ["?precision=4", "precision", "4"],
    ["?undated=yes", "undated", "yes"],
    ["?actors=ok,%25E0%25A4%25A", "actors", "%E0%A4%A"],
  ])("%s: 400 naming %s and its value", async (query, field, value) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.field).toBe(field);
    expect(body.error).toContain(field);
    expect(body.error).toContain(value);
  });

  it(`a query string over ${MAX_QUERY_STRING} characters: 414 with a clear message`, async () => {
    const res = await get(`?actors=${"a".repeat(MAX_QUERY_STRING)}`);
    expect(res.status).toBe(414);
    expect((await res.json()).error).toMatch(/query string.*longer than 4000/);
  });
});
