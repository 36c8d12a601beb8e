"use client";
// A running import: rows read, rejected so far, time left, and Cancel (the map stays as it was).
import { useEffect, useRef } from "react";
import type { ImportProgress as Progress } from "@/lib/import";

interface Props {
  fileName: string;
  progress: Progress | null;
  cancelling: boolean;
  onCancel: () => void;
}

/** "about 40 s left" once there is enough behind to judge by, else nothing. */
export function timeLeft(p: Progress): string {
  if (p.fraction <= 0.01 || p.elapsedMs < 500 || p.fraction >= 1) return "";
  const s = (p.elapsedMs * (1 - p.fraction)) / p.fraction / 1000;
  return s < 60 ? `, about ${Math.max(1, Math.round(s))} s left` : `, about ${Math.round(s / 60)} min left`;
}

export default function ImportProgress({ fileName, progress, cancelling, onCancel }: Props) {
  const cancel = useRef<HTMLButtonElement>(null);
  // The import button that had the focus is gone with the dialog: Cancel takes it.
  useEffect(() => cancel.current?.focus(), []);
  const fraction = progress?.fraction ?? 0;
  const percent = Math.floor(fraction * 100);
  return (
    <div className="import__progress" data-testid="import-progress">
      <label htmlFor="import-progress-bar">Importing “{fileName}”</label>
      <progress id="import-progress-bar" max={1} value={fraction} aria-valuetext={`${percent}%`} data-fraction={fraction} />
      <p className="muted">
        {progress
          ? `${progress.rowsRead.toLocaleString("en")} rows read, ${progress.rejected.toLocaleString("en")} rejected so far${timeLeft(progress)}`
          : "Starting…"}
      </p>
      <button ref={cancel} type="button" className="secondary-button" disabled={cancelling} onClick={onCancel}>
        {cancelling ? "Cancelling…" : "Cancel import"}
      </button>
    </div>
  );
}
