"use client";
// The selected incident's panel: a hint until one is chosen, then its fields (./IncidentDetails.tsx).
import type { PlacedIncident } from "@/lib/incident/place";
import { IncidentDetails } from "./lazy";

interface Props {
  incident: PlacedIncident | null;
  /** The file an imported incident came from; null for the dataset's own. */
  importedFrom: string | null;
  /** The reference point's name; null when none is in force: no distance is shown. */
  referenceName: string | null;
  onClose: () => void;
  onMeasureFrom: (p: PlacedIncident) => void;
}

export default function DetailsPanel({ incident, importedFrom, referenceName, onClose, onMeasureFrom }: Props) {
  return (
    <section className="panel details" aria-labelledby="details-heading" aria-live="polite">
      <div className="panel__head">
        <h2 id="details-heading">Incident details</h2>
        {incident && (
          <button type="button" className="link-button" onClick={onClose}>
            Close
          </button>
        )}
      </div>
      {!incident ? (
        <p className="muted">Select a marker (click it, or Tab to it and press Enter) to read what the source says.</p>
      ) : (
        <IncidentDetails incident={incident} importedFrom={importedFrom} referenceName={referenceName} onMeasureFrom={onMeasureFrom} />
      )}
    </section>
  );
}
