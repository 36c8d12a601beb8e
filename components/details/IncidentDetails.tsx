"use client";
// The selected incident's fields, as React text (never an HTML string): every value is escaped by React.
// Loaded when an incident is first chosen (components/details/lazy.tsx).
import type { PlacedIncident } from "@/lib/incident/place";
import { dateText, GEO_PRECISION_TEXT, TIME_PRECISION_TEXT } from "@/lib/incident/describe";
import { safeHttpUrl } from "@/lib/import/url";
import { incidentFacetKeys, incidentFacetValues } from "@/lib/incident/filter";
import { sourceLinks } from "@/lib/incident/sources";

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

export default function IncidentDetails(props: { incident: PlacedIncident; importedFrom: string | null; referenceName: string | null; onMeasureFrom: (p: PlacedIncident) => void }) {
  const { incident, importedFrom, referenceName, onMeasureFrom } = props;
  const p = incident.feature.properties;
  const { km, to } = incident.distance;
  // A link only for http(s): a javascript: or data: URL in imported data stays plain text.
  // The one link of source_url, unless the list of sources (which holds it) is shown.
  const url = sourceLinks(p).length ? null : safeHttpUrl(p.source_url);
  return (
    <dl className="details__list" data-event-id={p.event_id}>
      <Row term="Date">
        <span data-field="date">{dateText(p)}</span> <span className="muted">({TIME_PRECISION_TEXT[p.time_precision]})</span>
      </Row>
      <Row term="Place">
        <span data-field="place">{p.location}</span>
        {p.admin1 ? `, ${p.admin1}` : ""} <span className="muted">({GEO_PRECISION_TEXT[p.geo_precision]})</span>
      </Row>
      <Row term="Distance">
        {referenceName !== null && (
          <>
            <span data-field="distance">{km.toFixed(1)} km</span> from {referenceName}
            {to !== "point" && <span className="muted"> (to the {to})</span>}{" "}
          </>
        )}
        <button type="button" className="link-button" onClick={() => onMeasureFrom(incident)}>
          Measure from here
        </button>
      </Row>
      <Row term="Event type">
        <bdi>{p.event_type}</bdi>
        {p.sub_event_type ? <> — <bdi>{p.sub_event_type}</bdi></> : ""}
      </Row>
      <Row term="Actors">{[p.actor1, p.actor2].filter(Boolean).join(" vs. ") || "not given"}</Row>
      <Row term="Fatalities">
        <span data-field="fatalities">{p.fatalities}</span>
        {p.wounded !== undefined && `; ${p.wounded} wounded`}
        {p.captured !== undefined && `; ${p.captured} captured`}
        {p.civilian_targeting ? "; civilians targeted" : ""}
      </Row>
      {incidentFacetKeys(p).map((key) => (
        <Row key={key} term={key}>
          <span data-facet={key}>{incidentFacetValues(p, key).join("; ")}</span>
        </Row>
      ))}
      {p.notes && <Row term="Notes">{p.notes}</Row>}
      <Row term="Source">
        <blockquote className="quote" data-field="quote">
          {p.source_quote}
        </blockquote>
        <cite>{p.source}</cite>
        {url && (
          <div>
            <a href={url} target="_blank" rel="noopener noreferrer nofollow">
              Source link
            </a>
          </div>
        )}
        <SourceList props={p} />
        {importedFrom && <div className="muted">Imported from {importedFrom}</div>}
      </Row>
      <Row term="Event id">
        <code>{p.event_id}</code>
      </Row>
    </dl>
  );
}

/** The incident's sources (source_links), each a link only for http(s); its description as the link's text. */
function SourceList({ props }: { props: PlacedIncident["feature"]["properties"] }) {
  const sources = sourceLinks(props);
  if (sources.length === 0) return null;
  return (
    <ul className="details__sources" data-field="sources">
      {sources.map((s, i) => {
        const url = s.url === null ? null : safeHttpUrl(s.url);
        return (
          <li key={i}>
            {url ? (
              <a href={url} target="_blank" rel="noopener noreferrer nofollow">
                {s.description || url}
              </a>
            ) : (
              s.description || s.url
            )}
          </li>
        );
      })}
    </ul>
  );
}
