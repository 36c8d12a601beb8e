"use client";
// The mapping step: how the file was read, what each column becomes, how dates are read, the first rows
// as they will be read, and one button. A modal dialog: Tab stays inside, Escape closes it (the file is
// then not imported). Everything from the file is React text.
import { useEffect, useRef } from "react";
import type { ColumnRole } from "@/lib/import/mapping/types";
import type { ReadSourceOptions } from "@/lib/import/source/types";
import type { LoadedImport } from "./importStore";
import ColumnRoles from "./ColumnRoles";
import DateFormatChoice from "./DateFormatChoice";
import FacetChoice from "./FacetChoice";
import FixedDateChoice from "./FixedDateChoice";
import { PreviewTable } from "./PreviewTable";
import WholeFileSummary from "./WholeFileSummary";
import SourceFacts from "./SourceFacts";
import { expectedIncidents, type MappingState } from "./step";
import type { Mapping } from "@/lib/import/mapping/types";
import { dateAssumptions, hasDateColumn } from "@/lib/import/mapping/undated";

interface Props {
  step: MappingState;
  /** The layer this very file (same bytes) was imported as before, if any. */
  alreadyAs: LoadedImport | null;
  onMapping: (mapping: Mapping) => void;
  onRead: (read: ReadSourceOptions) => void;
  onResetRemembered: () => void;
  onImport: (replaceId?: string) => void;
  onClose: () => void;
}

const day = (iso: string) => iso.slice(0, 10);

export default function MappingStep({ step, alreadyAs, onMapping, onRead, onResetRemembered, onImport, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const primary = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (!d.open) d.showModal();
    // The one click: the button that imports (or replaces) has the focus, so Enter does it.
    primary.current?.focus();
    return () => d.close();
  }, []);

  const { inspection, mapping, remembered } = step;
  const { source, proposal } = inspection;
  // While a preview is read again a press waits for it (useImports' press); the button says so with
  // aria-busy, never disabled, which would drop its focus and leave Enter to the page.
  const busy = step.pending !== null;
  const hasDate = Object.values(mapping.roles).some((r) => r === "date" || r === "date_end");
  const expected = expectedIncidents(step);
  const n = `${expected.upTo ? "up to " : expected.exact ? "" : "about "}${expected.count.toLocaleString("en")}`;
  const assumptions = [...proposal.assumptions.filter((a) => !a.startsWith("the file has no date column")), ...dateAssumptions(mapping)];
  const setRole = (column: string, role: ColumnRole) => onMapping({ ...mapping, roles: { ...mapping.roles, [column]: role } });

  return (
    <dialog
      ref={dialog}
      className="mapping"
      aria-labelledby="mapping-heading"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="mapping-heading">Import “{step.fileName}”</h2>
      <SourceFacts inspection={inspection} profile={mapping.profile} estimate={step.estimate} read={step.read} busy={busy} onRead={onRead} />
      {source.warnings.length > 0 && (
        <ul className="mapping__warnings">
          {source.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
      {remembered && (
        <p className="mapping__note" data-testid="mapping-remembered">
          Using the mapping you chose for this header on {day(remembered.savedAt)}.{" "}
          <button type="button" className="link-button" onClick={onResetRemembered}>
            Reset
          </button>
        </p>
      )}
      <ColumnRoles
        columns={source.columns}
        hxl={source.hxl}
        samples={step.samples}
        mapping={mapping}
        onRole={setRole}
        positions={proposal.positions}
        onRoles={(roles) => onMapping({ ...mapping, roles: { ...mapping.roles, ...roles } })}
      />
      {hasDate && <DateFormatChoice guess={proposal.date} value={mapping.dateFormat} onChange={(dateFormat) => onMapping({ ...mapping, dateFormat })} />}
      {proposal.facetKeys && <FacetChoice facetKeys={proposal.facetKeys} mapping={mapping} onMapping={onMapping} />}
      {!hasDateColumn(mapping) && (
        <FixedDateChoice
          value={mapping.fixedDate}
          onChange={(fixedDate) => {
            const { fixedDate: _old, ...rest } = mapping;
            void _old;
            onMapping(fixedDate ? { ...rest, fixedDate } : rest);
          }}
        />
      )}
      {assumptions.length > 0 && (
        <details className="mapping__assumptions" open>
          <summary>Assumptions ({assumptions.length})</summary>
          <ul>
            {assumptions.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ul>
        </details>
      )}
      <PreviewTable rows={step.preview} busy={busy} />
      <WholeFileSummary whole={step.whole} problems={step.rejectedInSample} sampleSize={inspection.sampleSize} counting={step.counting} />
      {alreadyAs ? (
        <div className="mapping__actions" role="alert">
          <p>
            This file was already imported as layer “{alreadyAs.fileName}” on {day(alreadyAs.importedAt)}. Replace its{" "}
            {alreadyAs.placed.length.toLocaleString("en")} incidents with this import?
          </p>
          <button ref={primary} type="button" className="primary-button" aria-busy={busy} onClick={() => onImport(alreadyAs.id)}>
            Replace
          </button>
          <button type="button" className="secondary-button" onClick={onClose}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="mapping__actions">
          <button ref={primary} type="button" className="primary-button" aria-busy={busy} onClick={() => onImport()}>
            Import {n} {expected.count === 1 && expected.exact ? "incident" : "incidents"}
          </button>
          <button type="button" className="secondary-button" onClick={onClose}>
            Cancel
          </button>
        </div>
      )}
    </dialog>
  );
}
