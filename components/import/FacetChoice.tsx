"use client";
// The facets a column of {key, value} pairs gives (TimeMap's `filters`), and which of them is the event type
// the markers are styled by. Keys are the file's words: React text only.
import type { Mapping } from "@/lib/import/mapping/types";

interface Props {
  /** Per column holding {key, value} pairs, the keys its sample names (Proposal.facetKeys). */
  facetKeys: Readonly<Record<string, string[]>>;
  mapping: Mapping;
  onMapping: (mapping: Mapping) => void;
}

/** The mapping with this facet as the event type, or with none (the member left out, as JSON would). */
function withTypeFacet(mapping: Mapping, key: string): Mapping {
  const next: Mapping = { ...mapping, eventTypeFacet: key };
  if (key === "") delete next.eventTypeFacet;
  return next;
}

export default function FacetChoice({ facetKeys, mapping, onMapping }: Props) {
  const columns = Object.keys(facetKeys).filter((c) => Object.hasOwn(mapping.roles, c) && mapping.roles[c] === "facet");
  if (columns.length === 0) return null;
  const keys = [...new Set(columns.flatMap((c) => facetKeys[c]))];
  const chosen = mapping.eventTypeFacet !== undefined && keys.includes(mapping.eventTypeFacet) ? mapping.eventTypeFacet : "";
  return (
    <fieldset className="mapping__facets" data-testid="facet-choice">
      <legend>Facets</legend>
      {columns.map((c) => (
        <p key={c}>
          Column “{c}” gives a filter for each of: {facetKeys[c].map((k, i) => (
            <span key={k}>
              {i > 0 && ", "}“<bdi>{k}</bdi>”
            </span>
          ))}
          .
        </p>
      ))}
      <label>
        Markers are styled by{" "}
        <select value={chosen} onChange={(e) => onMapping(withTypeFacet(mapping, e.target.value))}>
          <option value="">the event type column{Object.values(mapping.roles).includes("event_type") ? "" : " (none: Unclassified)"}</option>
          {keys.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
