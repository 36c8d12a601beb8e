"use client";
// Says that the incident a link named is in none of the datasets open here, instead of dropping it
// silently: a file imported in another browser is kept there, and its link cannot bring it along.
interface Props {
  /** The event_id the link named; null when there is nothing to say. */
  id: string | null;
}

export default function MissingIncident({ id }: Props) {
  if (id === null) return null;
  return (
    <p role="status" className="muted dropped-params" data-testid="missing-incident">
      The link names incident “{id}”, which none of the datasets open here holds: it is probably in a file imported in another browser (imports stay
      in the browser that made them until saved to the server).
    </p>
  );
}
