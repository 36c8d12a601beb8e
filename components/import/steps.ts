// The import's state and its named transitions, as components/explorer/state.ts is the explorer's: the hook
// (./useImports.ts) talks to the worker and storage and dispatches what happened; `reduceImport` says what
// it means. Answers carry the number of the request they answer, so one arriving after a newer request is
// dropped here. Pure: no React, no window, no worker.
import type { ImportProgress, ImportReport } from "@/lib/import";
import type { WholeFileCount } from "@/lib/import/estimate";
import type { Mapping } from "@/lib/import/mapping/types";
import type { ReadSourceOptions } from "@/lib/import/source/types";
import { checkFileSize } from "@/lib/import/size";
import type { LoadedImport } from "./importStore";
import type { ListedFlagGroup } from "./labels";
import { sameMapping, type Remembered } from "./remembered";
import type { MappingState, Step } from "./step";

export interface ImportOutcome {
  fileName: string;
  report?: ImportReport;
  /** The report's problemRows as the JSON text of them (the worker sends them so): read only for the download. */
  problemRows?: Blob;
  /** The report's flagged rows by group as the report lists them, and all of them as their JSON text, where the
   *  worker sent them so (the report's own `flagged` is then empty). */
  flags?: ListedFlagGroup[];
  flaggedRows?: Blob;
  /** The whole file was refused: why, naming the field and value. */
  error?: string;
  /** The user stopped the import: nothing changed. */
  cancelled?: boolean;
  /** The layer this import replaced. */
  replaced?: string;
  /** The layer it became; once it is kept in this browser's storage, `kept`; why it could not be, `notKept`. */
  layerId?: string;
  kept?: boolean;
  notKept?: string;
}

export interface ImportState {
  step: Step;
  /** Files picked or dropped that wait for the one in hand. */
  queue: readonly File[];
  /** What became of each file of this session, in order. */
  outcomes: readonly ImportOutcome[];
  /** The layers imported in this browser, oldest first. */
  imports: readonly LoadedImport[];
  /** The imports kept in this browser have been read back (or could not be). */
  restored: boolean;
  /** The latest preview or re-read asked for: only its answer is shown. */
  previewSeq: number;
  /** The latest whole-file count asked for: only its answer is shown. */
  countSeq: number;
}

export const INITIAL_IMPORT_STATE: ImportState = { step: { kind: "idle" }, queue: [], outcomes: [], imports: [], restored: false, previewSeq: 0, countSeq: 0 };

/** What the worker found in a file (or in it read again), as the mapping step shows it. */
export type Inspected = Pick<MappingState, "inspection" | "estimate" | "samples">;

export type ImportAction =
  /** The imports kept in this browser are back (null: they could not be read, the layers stay as they are). */
  | { type: "restored"; imports: readonly LoadedImport[] | null }
  /** Files picked or dropped: queued behind the one in hand; a new session forgets the last one's outcomes. */
  | { type: "filesAdded"; files: readonly File[] }
  /** The next file of the queue is taken (one too large is refused on the way), or the session ends. */
  | { type: "nextFile" }
  /** The file being read could not be inspected, or another answer failed: said in the outcomes. */
  | { type: "reported"; outcome: ImportOutcome }
  /** The file in hand was read: its mapping step opens on `mapping` (the remembered one when `remembered`). */
  | { type: "inspected"; found: Inspected; sha256: string; mapping: Mapping; remembered: Remembered | null }
  /** The user changed the mapping: a remembered one no longer applies. */
  | { type: "mappingChanged" }
  | { type: "previewAsked"; mapping: Mapping }
  | { type: "previewed"; seq: number; preview: Pick<MappingState, "preview" | "rejectedInSample"> | null }
  | { type: "countAsked" }
  | { type: "counting"; seq: number; share: number }
  | { type: "counted"; seq: number; count: WholeFileCount | null }
  /** Read the file again with other options (encoding, sheet, separator). */
  | { type: "readAsked"; read: ReadSourceOptions }
  /** The file read again (`found`), or why not (`error`, and the options to go back to). */
  | { type: "reread"; seq: number; found: Inspected | null; error: string | null; previousRead: ReadSourceOptions }
  /** Import (or Replace) pressed: kept while a preview or a reading is on its way, else nothing to keep. */
  | { type: "importPressed"; replaceId?: string }
  | { type: "importStarted" }
  | { type: "importProgressed"; progress: ImportProgress }
  | { type: "cancelAsked" }
  /** The import ended: its outcome, and the layer it placed (`replacing` the layer of that id) if any. */
  | { type: "imported"; outcome: ImportOutcome; placed: LoadedImport | null }
  /** A layer was kept in this browser's storage (it comes back after a reload), or could not be. */
  | { type: "kept"; layerId: string }
  | { type: "notKept"; layerId: string; why: string }
  /** A layer changed in place (a one-click action of the report). */
  | { type: "layerChanged"; layer: LoadedImport }
  | { type: "layerRemoved"; id: string }
  | { type: "outcomesDismissed" };

/** The mapping step's state changed by `change`; any other step is left as it is. */
function inMapping(state: ImportState, change: (s: MappingState) => MappingState): ImportState {
  return state.step.kind === "mapping" ? { ...state, step: change(state.step) } : state;
}

/** The mapping a re-read file keeps: the user's edited one while the columns stay the same, else the file's proposal. */
export function mappingAfterRead(s: MappingState, found: Inspected): { mapping: Mapping; kept: boolean } {
  const edited = !sameMapping(s.mapping, s.inspection.proposal.mapping);
  const sameColumns = JSON.stringify(found.inspection.source.columns) === JSON.stringify(s.inspection.source.columns);
  return edited && sameColumns ? { mapping: s.mapping, kept: true } : { mapping: found.inspection.proposal.mapping, kept: false };
}

/** The press to carry out now: one kept while a preview or reading was on its way, which has come, on the
 *  mapping the step still holds (a mapping changed since, by the user or a new reading, needs a new press). */
export function pressedAndReady(step: Step): { replaceId: string | undefined } | null {
  if (step.kind !== "mapping" || step.pending !== null || !step.pressed) return null;
  return step.pressed.mapping === step.mapping ? step.pressed : null;
}

/** The first free layer id: IMP1, IMP2, … (a removed layer's id is taken again). */
export function nextLayerId(list: readonly LoadedImport[]): string {
  const taken = new Set(list.map((s) => Number(s.id.replace(/^IMP/, ""))));
  let n = 1;
  while (taken.has(n)) n++;
  return `IMP${n}`;
}

export function reduceImport(state: ImportState, action: ImportAction): ImportState {
  switch (action.type) {
    case "restored":
      return { ...state, imports: action.imports ?? state.imports, restored: true };
    case "filesAdded":
      return { ...state, queue: [...state.queue, ...action.files], outcomes: state.step.kind === "idle" ? [] : state.outcomes };
    case "nextFile": {
      const queue = [...state.queue];
      const outcomes = [...state.outcomes];
      for (let file = queue.shift(); file; file = queue.shift()) {
        try {
          checkFileSize(file.size);
        } catch (err) {
          outcomes.push({ fileName: file.name, error: (err as Error).message });
          continue;
        }
        return { ...state, queue, outcomes, step: { kind: "reading", fileName: file.name, file } };
      }
      return { ...state, queue, outcomes, step: { kind: "idle" } };
    }
    case "reported":
      return { ...state, outcomes: [...state.outcomes, action.outcome] };
    case "inspected": {
      if (state.step.kind !== "reading") return state;
      const { inspection, estimate, samples } = action.found;
      const step: MappingState = {
        kind: "mapping",
        fileName: state.step.fileName,
        inspection,
        sha256: action.sha256,
        estimate,
        samples,
        read: {},
        mapping: action.mapping,
        preview: inspection.preview,
        rejectedInSample: inspection.rejectedInSample,
        remembered: action.remembered,
        pending: null,
        pressed: null,
        whole: null,
        counting: null,
      };
      return { ...state, step };
    }
    case "mappingChanged":
      return inMapping(state, (s) => ({ ...s, remembered: null }));
    case "previewAsked":
      // A change after a press cancels it: the user is still choosing.
      return { ...inMapping(state, (s) => ({ ...s, mapping: action.mapping, pending: "preview", pressed: null })), previewSeq: state.previewSeq + 1 };
    case "previewed":
      if (action.seq !== state.previewSeq) return state;
      return inMapping(state, (s) => ({ ...s, ...action.preview, pending: null }));
    case "countAsked":
      return { ...inMapping(state, (s) => ({ ...s, whole: null, counting: 0 })), countSeq: state.countSeq + 1 };
    case "counting":
      return action.seq === state.countSeq ? inMapping(state, (s) => ({ ...s, counting: action.share })) : state;
    case "counted":
      return action.seq === state.countSeq ? inMapping(state, (s) => ({ ...s, whole: action.count, counting: null })) : state;
    case "readAsked":
      return { ...inMapping(state, (s) => ({ ...s, read: action.read, pending: "read", pressed: null })), previewSeq: state.previewSeq + 1 };
    case "reread": {
      if (action.seq !== state.previewSeq || state.step.kind !== "mapping") return state;
      const s = state.step;
      const { found } = action;
      if (!found) {
        const outcome = { fileName: s.fileName, error: action.error ?? "the file could not be read again" };
        return { ...state, step: { ...s, read: action.previousRead, pending: null, pressed: null }, outcomes: [...state.outcomes, outcome] };
      }
      const { mapping, kept } = mappingAfterRead(s, found);
      const { inspection } = found;
      const step: MappingState = {
        ...s,
        ...found,
        mapping,
        preview: inspection.preview,
        rejectedInSample: inspection.rejectedInSample,
        remembered: kept ? s.remembered : null,
        pending: null,
        whole: null,
        counting: null,
      };
      return { ...state, step };
    }
    case "importPressed":
      if (state.step.kind !== "mapping" || state.step.pending === null) return state;
      return inMapping(state, (s) => ({ ...s, pressed: { replaceId: action.replaceId, mapping: s.mapping } }));
    case "importStarted": {
      const s = state.step;
      if (s.kind !== "mapping") return state;
      return { ...state, step: { kind: "importing", fileName: s.fileName, estimate: s.estimate, progress: null, cancelling: false } };
    }
    case "importProgressed":
      return state.step.kind === "importing" ? { ...state, step: { ...state.step, progress: action.progress } } : state;
    case "cancelAsked":
      return state.step.kind === "importing" ? { ...state, step: { ...state.step, cancelling: true } } : state;
    case "imported": {
      const { placed } = action;
      const outcomes = [...state.outcomes, action.outcome];
      if (!placed) return { ...state, outcomes };
      const replacing = state.imports.some((x) => x.id === placed.id);
      return { ...state, outcomes, imports: replacing ? state.imports.map((x) => (x.id === placed.id ? placed : x)) : [...state.imports, placed] };
    }
    case "kept":
      return { ...state, outcomes: state.outcomes.map((o) => (o.layerId === action.layerId ? { ...o, kept: true } : o)) };
    case "notKept":
      return { ...state, outcomes: state.outcomes.map((o) => (o.layerId === action.layerId ? { ...o, notKept: action.why } : o)) };
    case "layerChanged":
      return { ...state, imports: state.imports.map((x) => (x.id === action.layer.id ? action.layer : x)) };
    case "layerRemoved":
      return { ...state, imports: state.imports.filter((x) => x.id !== action.id) };
    case "outcomesDismissed":
      return { ...state, outcomes: [] };
  }
}

/**
 * The import's state held outside React, so the steps of an import that runs across awaits read the state
 * as it is now, not as it was when they began; the hook renders what the store holds.
 */
export function createImportStore(initial: ImportState = INITIAL_IMPORT_STATE) {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    dispatch(action: ImportAction) {
      const next = reduceImport(state, action);
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
  };
}

export type ImportStore = ReturnType<typeof createImportStore>;
