// The panels as React renders them: the details' facets and sources (a link only for http(s), the file's
// words as text, never markup) and the filter panel's group per facet.
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import IncidentDetails from "@/components/details/IncidentDetails";
import FilterPanel from "@/components/filters/FilterPanel";
import { facetCounts } from "@/lib/incident/facets";
import { categoryStyles } from "@/lib/display/event-style";
import { placeIncidents } from "@/lib/incident/place";
import { incident } from "../support/incidents";

function render(extra: Record<string, unknown>): string {
  const [placed] = placeIncidents([incident({ event_id: "X-1", ...extra })]);
  return renderToStaticMarkup(createElement(IncidentDetails, { incident: placed, importedFrom: null, referenceName: "Daraa al-Balad", onMeasureFrom: () => {} }));
}

describe("details of an incident with facets and sources", () => {
  it("lists each source, linking only http(s), descriptions as text", () => {
    const html = render({ source_links: "https://a.example/1 Video <b>of</b> the strike\njavascript:alert(1) Bad\nSRC-3" });
    expect(html).toContain('<a href="https://a.example/1" target="_blank" rel="noopener noreferrer nofollow">Video &lt;b&gt;of&lt;/b&gt; the strike</a>');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain("<li>javascript:alert(1) Bad</li>");
    expect(html).toContain("<li>SRC-3</li>");
  });

  it("shows each declared facet with its values", () => {
    const html = render({ "Weapon System": "Artillery; Rocket", facet_keys: "Weapon System" });
    expect(html).toContain("<dt>Weapon System</dt>");
    expect(html).toContain('<span data-facet="Weapon System">Artillery; Rocket</span>');
  });
});

describe("filter panel with a file's facets", () => {
  it("gives each facet a group of its values with counts, a ticked value the data lacks included", () => {
    const items = [incident({ event_id: "A", "Weapon System": "Artillery", facet_keys: "Weapon System" }), incident({ event_id: "B", "Weapon System": "Artillery; Rocket", facet_keys: "Weapon System" })].map((f) => ({ properties: f.properties, anchor: null }));
    const filter = { facets: { "Weapon System": ["Drone"] } };
    const counts = facetCounts(items, (i) => i, filter);
    const html = renderToStaticMarkup(createElement(FilterPanel, { filter, counts, styles: categoryStyles(new Map()), onChange: () => {} }));
    const group = /<fieldset data-facet="Weapon System">.*?<\/fieldset>/.exec(html)?.[0] ?? "";
    expect(group).toContain("<legend><bdi>Weapon System</bdi></legend>");
    expect(group.match(/<bdi>[^<]*<\/bdi> <span class="muted">\(\d+\)<\/span>/g)).toEqual([
      '<bdi>Artillery</bdi> <span class="muted">(2)</span>',
      '<bdi>Rocket</bdi> <span class="muted">(1)</span>',
      '<bdi>Drone</bdi> <span class="muted">(0)</span>',
    ]);
  });
});

describe("filter panel's actor group", () => {
  const items = Array.from({ length: 30 }, (_, i) => incident({ event_id: `A${i}`, actor1: `Actor ${i % 9}`, actor2: i % 2 ? "Other <b>x</b>" : undefined })).map((f) => ({ properties: f.properties, anchor: null }));
  const actorGroup = (filter: { actors?: string[] }) => {
    const html = renderToStaticMarkup(createElement(FilterPanel, { filter, counts: facetCounts(items, (i) => i, filter), styles: categoryStyles(new Map()), onChange: () => {} }));
    return /<fieldset><legend>Actor<\/legend>.*?<\/fieldset>/.exec(html)?.[0] ?? "";
  };
  const item = (name: string, n: number, ticked = false) => `<label class="filters__item"><input type="checkbox"${ticked ? ' checked=""' : ""}/><span>${name}</span> <span class="muted">(${n})</span></label>`;

  it("lists the six busiest actors as text, with counts and Show all", () => {
    expect(actorGroup({ actors: ["Actor 1"] })).toBe(
      `<fieldset><legend>Actor</legend>${item("Other &lt;b&gt;x&lt;/b&gt;", 15)}${item("Actor 0", 4)}${item("Actor 1", 4, true)}${item("Actor 2", 4)}${item("Actor 3", 3)}${item("Actor 4", 3)}<button type="button" class="link-button">Show all 10</button></fieldset>`,
    );
  });
  it("keeps a ticked actor listed beyond the six, as a facet's values and the types do", () => {
    expect(actorGroup({ actors: ["Actor 8"] })).toContain(item("Actor 8", 3, true));
  });
});
