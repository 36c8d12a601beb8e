"use client";
// The phone's buttons over the map: each opens one group of the side panels as a sheet over the bottom of
// the map, one at a time (app/globals.css lays the sheets out at phone widths and hides the bar on wider
// screens). Escape closes the open sheet, else the selected incident's details.
import { useCallback, useEffect, useRef } from "react";

export const PHONE_SHEETS = ["layers", "filters", "time", "summary", "list"] as const;
export type PhoneSheet = (typeof PHONE_SHEETS)[number];

const SHEET_LABELS: Record<PhoneSheet, string> = { layers: "Layers", filters: "Filters", time: "Time", summary: "Summary", list: "List" };
// Where each sheet's panels are on the page (the sheets are the page's own columns, laid out by globals.css).
const SHEET_PANELS: Record<PhoneSheet, string> = { layers: ".app__left", filters: ".app__left .filters", time: ".app__bottom", summary: ".app__right", list: ".app__right .list" };
// No text fields: focusing one would open a phone's keyboard over the sheet.
const FOCUSABLE = "button, a[href], input[type='checkbox'], input[type='radio'], select";

/** Moves focus into an opened sheet: its panels come before or after the bar in the page's reading order. */
function focusSheet(sheet: PhoneSheet) {
  const panels = document.querySelector(SHEET_PANELS[sheet]);
  const first = [...(panels?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].find((el) => el.checkVisibility());
  first?.focus();
}

interface Props {
  sheet: PhoneSheet | null;
  onSheet: (sheet: PhoneSheet | null) => void;
  /** The selected incident: choosing one closes the sheet, so its details show. */
  selectedId: string | null;
  onCloseDetails: () => void;
}

export default function PhoneBar({ sheet, onSheet, selectedId, onCloseDetails }: Props) {
  const barRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (selectedId !== null) onSheet(null);
  }, [selectedId, onSheet]);

  // Focus goes back to the button that opened the sheet.
  const close = useCallback(() => {
    barRef.current?.querySelector<HTMLButtonElement>(`[data-sheet="${sheet}"]`)?.focus();
    onSheet(null);
  }, [sheet, onSheet]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const bar = barRef.current;
      // Only where the bar is shown: on a wide screen the panels are columns, with nothing to close.
      if (e.key !== "Escape" || e.defaultPrevented || !bar || bar.getClientRects().length === 0) return;
      if (sheet !== null) close();
      else if (selectedId !== null) onCloseDetails();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [sheet, selectedId, close, onCloseDetails]);

  const open = (next: PhoneSheet | null) => {
    onSheet(next);
    // After React has shown the sheet.
    if (next !== null) requestAnimationFrame(() => focusSheet(next));
  };

  return (
    <div ref={barRef} className="phone-bar" role="group" aria-label="Panels">
      {PHONE_SHEETS.map((s) => (
        <button key={s} type="button" className="phone-bar__button" data-sheet={s} aria-expanded={sheet === s} onClick={() => open(sheet === s ? null : s)}>
          {SHEET_LABELS[s]}
        </button>
      ))}
      {sheet !== null && (
        <button type="button" className="phone-bar__close" aria-label="Close the panel" onClick={close}>
          Close
        </button>
      )}
    </div>
  );
}
