// The details panel's facets and sources as React renders them: each source a link only for http(s), the
// file's words as text (never markup).
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import DetailsPanel from "@/components/DetailsPanel";
import { placeIncidents } from "@/lib/incident/place";
import { incident } from "../support/incidents";

function render(extra: Record<string, unknown>): string {
  const [placed] = placeIncidents([incident({ event_id: "X-1", ...extra })]);
  return renderToStaticMarkup(createElement(DetailsPanel, { incident: placed, importedFrom: null, referenceName: "Daraa al-Balad", onClose: () => {}, onMeasureFrom: () => {} }));
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
