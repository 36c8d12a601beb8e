// Nested values of a TimeMap (datasheet-server) export made usable: `filters: [{key, value}]` a facet per
// key, one of them the event type; `associations` (strings) a facet named after the column; a text column
// given the facet role; `sources` (objects or ids) the incident's source links.
import { describe, expect, it } from "vitest";
import { importFile, inspectFile, type ImportResult, type Mapping } from "@/lib/import";
import { assertIncidentCollection } from "@/lib/incident/validate";
import { incidentFacetKeys, incidentFacetValues } from "@/lib/incident/filter";
import { sourceLinks, sourceLinksText } from "@/lib/incident/sources";
import { toAcledCsv } from "@/lib/export/csv";

// Shaped as forensic-architecture/timemap's events: strings for coordinates, sources as objects with
// `paths`, filters as {key, value} pairs, associations as a list of names.
const RECORDS = [
  {
    id: "CH-1",
    description: "Shelling of a residential block",
    date: "02/24/2022",
    location: "Izium",
    latitude: "49.21",
    longitude: "37.26",
    status: "Confirmed",
    sources: [
      { id: "SRC-1", title: "Video of the strike", type: "Video", paths: ["https://a.example/1", "https://a.example/1b"] },
      { id: "SRC-2", description: "Local report", url: "javascript:alert(1)", paths: [] },
    ],
    filters: [
      { key: "Weapon System", value: "Artillery" },
      { key: "Type of area affected", value: "Residential" },
      { key: "Type of area affected", value: "Commercial" },
      { key: "__proto__", value: "polluted" },
      { key: "location", value: "Southern district" },
    ],
    associations: ["Shelling", "Night"],
  },
  {
    id: "CH-2",
    description: "Rocket hit a school",
    date: "03/01/2022",
    location: "Kharkiv",
    latitude: "49.99",
    longitude: "36.23",
    status: "Unconfirmed",
    sources: ["SRC-3", "https://b.example/post/2"],
    filters: [
      { key: "Weapon System", value: "Rocket" },
      { key: "Type of area affected", value: "Education" },
    ],
    associations: ["Shelling"],
  },
  {
    id: "CH-3",
    description: "Strike on a depot",
    date: "03/02/2022",
    location: "Kyiv",
    latitude: "50.45",
    longitude: "30.52",
    status: "Confirmed",
    sources: [],
    filters: [
      { key: "Weapon System", value: "Artillery" },
      { key: "Type of area affected", value: "Industrial" },
    ],
    associations: [],
  },
  { id: "CH-4", description: "No categories given", date: "03/03/2022", location: "Lviv", latitude: "49.84", longitude: "24.03", status: "", sources: [], filters: [], associations: [] },
];

const bytes = (records: unknown) => new TextEncoder().encode(JSON.stringify(records));
const FILE = bytes(RECORDS);
const run = (mapping?: Mapping): Promise<ImportResult> => importFile(FILE, "timemap-export.json", { idPrefix: "TM", ...(mapping ? { mapping } : {}) });
const props = (r: ImportResult, id: string) => r.collection.features.find((f) => f.properties.event_id === id)!.properties;

describe("TimeMap filters, associations and sources", () => {
  it("proposes filters and associations as facets, lists the keys, and takes the key most like a type as the event type", () => {
    const { proposal } = inspectFile(FILE, "timemap-export.json");
    expect(proposal.mapping.profile).toBe("TimeMap");
    expect(proposal.mapping.roles).toMatchObject({ filters: "facet", associations: "facet", sources: "link" });
    expect(proposal.facetKeys).toEqual({ filters: ["Weapon System", "Type of area affected", "location"] });
    // Both keys are on three rows; Weapon System has 2 first values, the area type 3.
    expect(proposal.mapping.eventTypeFacet).toBe("Weapon System");
    expect(proposal.assumptions.join("\n")).toMatch(/event type is the facet "Weapon System"/);
  });

  it("imports every row with a facet property per key, values joined, and the list of facets", async () => {
    const r = await run();
    expect(r.report.accepted).toBe(4);
    expect(() => assertIncidentCollection(r.collection)).not.toThrow();
    const one = props(r, "CH-1");
    expect(one).toMatchObject({
      event_type: "Artillery",
      "Weapon System": "Artillery",
      "Type of area affected": "Residential; Commercial",
      // A key the model already uses gets the kept-column suffix instead of overwriting the place.
      location: "Izium",
      "location (file)": "Southern district",
      associations: "Shelling; Night",
      facet_keys: "Weapon System; Type of area affected; location (file); associations",
    });
    expect(Object.hasOwn(one, "__proto__")).toBe(false);
    expect(Object.getPrototypeOf(one)).toBe(Object.prototype);
    expect(incidentFacetKeys(one)).toEqual(["Weapon System", "Type of area affected", "location (file)", "associations"]);
    expect(incidentFacetValues(one, "Type of area affected")).toEqual(["Residential", "Commercial"]);
    expect(props(r, "CH-2")).toMatchObject({ event_type: "Rocket", "Type of area affected": "Education", associations: "Shelling" });
    // No pairs and an empty list: no facets, and the type is the blank one's.
    const four = props(r, "CH-4");
    expect(four.event_type).toBe("Unclassified");
    expect(four).not.toHaveProperty("facet_keys");
    expect(four).not.toHaveProperty("Weapon System");
  });

  it("styles by the key the user chooses, and makes a plain text column a facet on request", async () => {
    const { proposal } = inspectFile(FILE, "timemap-export.json");
    const mapping: Mapping = { ...proposal.mapping, eventTypeFacet: "Type of area affected", roles: { ...proposal.mapping.roles, status: "facet" } };
    const r = await run(mapping);
    expect(props(r, "CH-1")).toMatchObject({ event_type: "Residential", status: "Confirmed" });
    expect(props(r, "CH-3")).toMatchObject({ event_type: "Industrial" });
    expect(incidentFacetKeys(props(r, "CH-1"))).toContain("status");
    expect(incidentFacetValues(props(r, "CH-2"), "status")).toEqual(["Unconfirmed"]);
    // Without a choice and without an event type column every incident is Unclassified, as before.
    const none = { ...proposal.mapping };
    delete none.eventTypeFacet;
    expect(props(await run(none), "CH-1").event_type).toBe("Unclassified");
  });

  it("turns sources into links with their descriptions: http(s) only, ids kept as words", async () => {
    const r = await run();
    const one = props(r, "CH-1");
    expect(one.source_url).toBe("https://a.example/1");
    expect(sourceLinks(one)).toEqual([
      { url: "https://a.example/1", description: "Video of the strike" },
      { url: "https://a.example/1b", description: "Video of the strike" },
      { url: null, description: "Local report" },
    ]);
    expect(String(one.source_links)).not.toMatch(/javascript/);
    expect(sourceLinks(props(r, "CH-2"))).toEqual([
      { url: null, description: "SRC-3" },
      { url: "https://b.example/post/2", description: "" },
    ]);
    expect(props(r, "CH-3")).not.toHaveProperty("source_links");
  });

  it("reads a CSV whose cell holds the pairs as JSON text", async () => {
    const csv = 'id,date,latitude,longitude,location,filters\n1,2022-02-24,49.21,37.26,Izium,"[{""key"":""Weapon System"",""value"":""Drone""}]"\n';
    const { proposal } = inspectFile(new TextEncoder().encode(csv), "pairs.csv");
    expect(proposal.mapping.roles.filters).toBe("facet");
    const r = await importFile(new TextEncoder().encode(csv), "pairs.csv", { idPrefix: "P" });
    expect(r.collection.features[0].properties).toMatchObject({ event_type: "Drone", "Weapon System": "Drone", facet_keys: "Weapon System" });
  });
});

describe("source links as flat text", () => {
  it("writes one source per line and reads them back; a line break in a description does not start a source", () => {
    const text = sourceLinksText([
      { url: "https://a.example/x", description: "Two\nlines" },
      { url: null, description: "SRC-9" },
      { url: null, description: "  " },
    ]);
    expect(text).toBe("https://a.example/x Two lines\nSRC-9");
    expect(sourceLinks({ source_links: text })).toEqual([
      { url: "https://a.example/x", description: "Two lines" },
      { url: null, description: "SRC-9" },
    ]);
  });
});

describe("our own export read back", () => {
  it("keeps the facets and the source links of a CSV export", async () => {
    const first = await run();
    const csv = toAcledCsv(first.collection.features);
    const again = await importFile(new TextEncoder().encode(csv), "export.csv", { idPrefix: "RE" });
    const back = again.collection.features.find((f) => f.properties.event_id === "CH-1")!.properties;
    expect(incidentFacetKeys(back)).toEqual(incidentFacetKeys(props(first, "CH-1")));
    expect(incidentFacetValues(back, "Type of area affected")).toEqual(["Residential", "Commercial"]);
    expect(sourceLinks(back)).toEqual(sourceLinks(props(first, "CH-1")));
  });
});

describe("facets proposed by shape", () => {
  it("makes a column of string lists a facet, but not a list of links", () => {
    const records = [
      { id: "1", date: "2022-02-24", latitude: 49.2, longitude: 37.2, location: "Izium", tags: ["Shelling", "Night"], media: ["https://a.example/1.jpg"] },
      { id: "2", date: "2022-02-25", latitude: 49.9, longitude: 36.2, location: "Kharkiv", tags: [], media: [] },
    ];
    const { proposal } = inspectFile(bytes(records), "tags.json");
    expect(proposal.mapping.roles.tags).toBe("facet");
    expect(proposal.mapping.roles.media).not.toBe("facet");
  });
});
