// The import's state machine (components/import/steps.ts): a session takes files one at a time, a late
// answer to an older request is dropped, a file read again keeps the user's mapping while its columns stay,
// and an import adds or replaces a layer.
import { describe, expect, it } from "vitest";
import { inspectFile } from "@/lib/import";
import { MAX_IMPORT_BYTES } from "@/lib/import/limits";
import type { Mapping } from "@/lib/import/mapping/types";
import type { LoadedImport } from "@/components/import/importStore";
import type { MappingState } from "@/components/import/step";
import { INITIAL_IMPORT_STATE, nextLayerId, pressedAndReady, reduceImport, type ImportAction, type ImportState, type Inspected } from "@/components/import/steps";

const CSV = "id,date,latitude,longitude,event_type,notes\nA1,2021-07-29,32.6,36.1,Battles,first\nA2,2021-07-30,32.61,36.11,Shelling,second\n";
const OTHER = "when;lat;lon;what\n2021-07-29;32.6;36.1;Battles\n";
const found = (text: string, name = "a.csv"): Inspected => ({
  inspection: inspectFile(new TextEncoder().encode(text), name),
  estimate: { rows: 2, exact: true },
  samples: [],
});
const file = (name: string, size = 10) => ({ name, size }) as File;
const layer = (id: string, fileName = `${id}.csv`) => ({ id, fileName }) as LoadedImport;
const run = (actions: ImportAction[], from: ImportState = INITIAL_IMPORT_STATE) => actions.reduce(reduceImport, from);
const mapping = (s: ImportState): MappingState => {
  if (s.step.kind !== "mapping") throw new Error(`step: expected mapping (value: ${s.step.kind})`);
  return s.step;
};
/** The file's proposal with the notes column ignored: a mapping the user changed. */
const edited = (f: Inspected): Mapping => ({ ...f.inspection.proposal.mapping, roles: { ...f.inspection.proposal.mapping.roles, notes: "ignore" } });

/** A session at the mapping step of a.csv, on the file's proposal. */
function atMapping(): ImportState {
  const f = found(CSV);
  return run([{ type: "filesAdded", files: [file("a.csv")] }, { type: "nextFile" }, { type: "inspected", found: f, sha256: "abc", mapping: f.inspection.proposal.mapping, remembered: null }]);
}

describe("a session of files", () => {
  it("takes the queued files one at a time, refusing one too large on the way, and ends idle", () => {
    let s = run([{ type: "filesAdded", files: [file("big.csv", MAX_IMPORT_BYTES + 1), file("a.csv"), file("b.csv")] }, { type: "nextFile" }]);
    expect(s.step).toMatchObject({ kind: "reading", fileName: "a.csv" });
    expect(s.outcomes).toHaveLength(1);
    expect(s.outcomes[0].fileName).toBe("big.csv");
    expect(s.outcomes[0].error).toMatch(/file.*refused/);
    s = run([{ type: "reported", outcome: { fileName: "a.csv", error: "unreadable" } }, { type: "nextFile" }], s);
    expect(s.step).toMatchObject({ kind: "reading", fileName: "b.csv" });
    s = reduceImport(s, { type: "nextFile" });
    expect(s.step).toEqual({ kind: "idle" });
    expect(s.queue).toEqual([]);
    expect(s.outcomes.map((o) => o.fileName)).toEqual(["big.csv", "a.csv"]);
  });

  it("files added during a session wait in the queue and keep its outcomes; a new session forgets them", () => {
    const s = run([{ type: "reported", outcome: { fileName: "old.csv", cancelled: true } }, { type: "filesAdded", files: [file("a.csv")] }]);
    expect(s.outcomes).toEqual([]);
    const busy = run([{ type: "nextFile" }, { type: "reported", outcome: { fileName: "a.csv", cancelled: true } }, { type: "filesAdded", files: [file("b.csv")] }], s);
    expect(busy.outcomes).toHaveLength(1);
    expect(busy.queue.map((f) => f.name)).toEqual(["b.csv"]);
  });

  it("opens the mapping step on the mapping given, and only from a file being read", () => {
    const s = atMapping();
    expect(mapping(s)).toMatchObject({ fileName: "a.csv", sha256: "abc", read: {}, pending: null, whole: null, counting: null, remembered: null });
    const f = found(CSV);
    expect(reduceImport(INITIAL_IMPORT_STATE, { type: "inspected", found: f, sha256: "x", mapping: f.inspection.proposal.mapping, remembered: null })).toBe(INITIAL_IMPORT_STATE);
  });
});

describe("previews and counts", () => {
  it("shows only the answer to the latest preview", () => {
    const f = found(CSV);
    let s = reduceImport(atMapping(), { type: "previewAsked", mapping: edited(f) });
    const first = s.previewSeq;
    s = reduceImport(s, { type: "previewAsked", mapping: f.inspection.proposal.mapping });
    expect(mapping(s).pending).toBe("preview");
    const late = reduceImport(s, { type: "previewed", seq: first, preview: { preview: [], rejectedInSample: [] } });
    expect(late).toBe(s);
    s = reduceImport(s, { type: "previewed", seq: s.previewSeq, preview: { preview: [], rejectedInSample: [] } });
    expect(mapping(s)).toMatchObject({ pending: null, preview: [], mapping: f.inspection.proposal.mapping });
  });

  it("a failed preview ends the wait and keeps the table shown", () => {
    let s = reduceImport(atMapping(), { type: "previewAsked", mapping: edited(found(CSV)) });
    const table = mapping(s).preview;
    s = reduceImport(s, { type: "previewed", seq: s.previewSeq, preview: null });
    expect(mapping(s).pending).toBeNull();
    expect(mapping(s).preview).toBe(table);
  });

  it("shows the progress and the result of the latest count only", () => {
    let s = reduceImport(atMapping(), { type: "countAsked" });
    const first = s.countSeq;
    expect(mapping(s)).toMatchObject({ whole: null, counting: 0 });
    s = reduceImport(s, { type: "counting", seq: first, share: 0.5 });
    expect(mapping(s).counting).toBe(0.5);
    s = reduceImport(s, { type: "countAsked" });
    const count = { rows: 2, placed: 2, toGeocode: 0, rejected: [], flagged: [], duplicates: 0, skipped: 0 };
    expect(reduceImport(s, { type: "counting", seq: first, share: 0.9 })).toBe(s);
    expect(reduceImport(s, { type: "counted", seq: first, count })).toBe(s);
    s = reduceImport(s, { type: "counted", seq: s.countSeq, count });
    expect(mapping(s)).toMatchObject({ whole: count, counting: null });
  });

  it("a changed mapping is no longer the remembered one", () => {
    const s = atMapping();
    const remembered: ImportState = { ...s, step: { ...mapping(s), remembered: { mapping: mapping(s).mapping, savedAt: "" } } };
    expect(mapping(remembered).remembered).not.toBeNull();
    expect(mapping(reduceImport(remembered, { type: "mappingChanged" })).remembered).toBeNull();
  });
});

describe("a file read again", () => {
  it("keeps the user's mapping while the columns stay the same", () => {
    const f = found(CSV);
    let s = run([{ type: "mappingChanged" }, { type: "previewAsked", mapping: edited(f) }, { type: "readAsked", read: { encoding: "windows-1252" } }], atMapping());
    expect(mapping(s)).toMatchObject({ pending: "read", read: { encoding: "windows-1252" } });
    s = reduceImport(s, { type: "reread", seq: s.previewSeq, found: found(CSV), error: null, previousRead: {} });
    expect(mapping(s).mapping).toEqual(edited(f));
    expect(mapping(s)).toMatchObject({ pending: null, whole: null, counting: null, read: { encoding: "windows-1252" } });
  });

  it("takes the new proposal when the columns change, or when the user had not changed the mapping", () => {
    const f = found(CSV);
    const other = found(OTHER);
    let s = run([{ type: "previewAsked", mapping: edited(f) }, { type: "readAsked", read: { separator: ";" } }], atMapping());
    s = reduceImport(s, { type: "reread", seq: s.previewSeq, found: other, error: null, previousRead: {} });
    expect(mapping(s).mapping).toBe(other.inspection.proposal.mapping);
    expect(mapping(s).inspection).toBe(other.inspection);
    let t = reduceImport(atMapping(), { type: "readAsked", read: { encoding: "utf-8" } });
    const again = found(CSV);
    t = reduceImport(t, { type: "reread", seq: t.previewSeq, found: again, error: null, previousRead: {} });
    expect(mapping(t).mapping).toBe(again.inspection.proposal.mapping);
  });

  it("a failed reading goes back to the options before, and says why", () => {
    let s = reduceImport(atMapping(), { type: "readAsked", read: { encoding: "utf-16le" } });
    s = reduceImport(s, { type: "reread", seq: s.previewSeq, found: null, error: "read again as asked: no", previousRead: {} });
    expect(mapping(s)).toMatchObject({ read: {}, pending: null });
    expect(s.outcomes.at(-1)).toEqual({ fileName: "a.csv", error: "read again as asked: no" });
  });

  it("an answer overtaken by a newer change is dropped", () => {
    let s = reduceImport(atMapping(), { type: "readAsked", read: { encoding: "utf-16le" } });
    const seq = s.previewSeq;
    s = reduceImport(s, { type: "previewAsked", mapping: edited(found(CSV)) });
    expect(reduceImport(s, { type: "reread", seq, found: null, error: "late", previousRead: {} })).toBe(s);
  });
});

describe("Import pressed while a preview or a reading is on its way", () => {
  it("is kept, and carried out once the preview has come", () => {
    const f = found(CSV);
    let s = run([{ type: "previewAsked", mapping: edited(f) }, { type: "importPressed" }], atMapping());
    expect(mapping(s).pressed).toMatchObject({ replaceId: undefined });
    expect(pressedAndReady(s.step)).toBeNull();
    s = reduceImport(s, { type: "previewed", seq: s.previewSeq, preview: null });
    expect(pressedAndReady(s.step)).toEqual({ replaceId: undefined, mapping: edited(f) });
    // Replace, pressed the same way, keeps the layer it replaces.
    const r = run([{ type: "previewAsked", mapping: edited(f) }, { type: "importPressed", replaceId: "IMP1" }], atMapping());
    expect(pressedAndReady(reduceImport(r, { type: "previewed", seq: r.previewSeq, preview: null }).step)).toMatchObject({ replaceId: "IMP1" });
  });

  it("is nothing to keep when nothing is on its way (the press imports at once)", () => {
    const s = atMapping();
    expect(reduceImport(s, { type: "importPressed" })).toBe(s);
    expect(pressedAndReady(s.step)).toBeNull();
  });

  it("is cancelled by a change made after it, and by a reading that changes the mapping or fails", () => {
    const f = found(CSV);
    const changed = run([{ type: "previewAsked", mapping: edited(f) }, { type: "importPressed" }, { type: "previewAsked", mapping: f.inspection.proposal.mapping }], atMapping());
    expect(pressedAndReady(reduceImport(changed, { type: "previewed", seq: changed.previewSeq, preview: null }).step)).toBeNull();
    // Pressed on the proposal, read again as other columns: a new proposal, so a new press is needed.
    let read = run([{ type: "readAsked", read: { separator: ";" } }, { type: "importPressed" }], atMapping());
    read = reduceImport(read, { type: "reread", seq: read.previewSeq, found: found(OTHER), error: null, previousRead: {} });
    expect(pressedAndReady(read.step)).toBeNull();
    // Pressed on an edited mapping that the new reading keeps: carried out.
    let kept = run([{ type: "mappingChanged" }, { type: "previewAsked", mapping: edited(f) }, { type: "readAsked", read: { encoding: "windows-1252" } }, { type: "importPressed" }], atMapping());
    kept = reduceImport(kept, { type: "reread", seq: kept.previewSeq, found: found(CSV), error: null, previousRead: {} });
    expect(pressedAndReady(kept.step)).toMatchObject({ replaceId: undefined });
    // Pressed, then another encoding asked for: still choosing, even if the reading keeps the mapping.
    let reread = run([{ type: "mappingChanged" }, { type: "previewAsked", mapping: edited(f) }, { type: "importPressed" }, { type: "readAsked", read: { encoding: "windows-1252" } }], atMapping());
    reread = reduceImport(reread, { type: "reread", seq: reread.previewSeq, found: found(CSV), error: null, previousRead: {} });
    expect(pressedAndReady(reread.step)).toBeNull();
    let failed = run([{ type: "readAsked", read: { encoding: "utf-16le" } }, { type: "importPressed" }], atMapping());
    failed = reduceImport(failed, { type: "reread", seq: failed.previewSeq, found: null, error: "no", previousRead: {} });
    expect(pressedAndReady(failed.step)).toBeNull();
  });
});

describe("importing", () => {
  it("shows progress and cancelling, then adds the layer placed and its outcome", () => {
    let s = run([{ type: "importStarted" }, { type: "importProgressed", progress: { rowsRead: 1, rejected: 0, fraction: 0.5, elapsedMs: 3 } }, { type: "cancelAsked" }], atMapping());
    expect(s.step).toMatchObject({ kind: "importing", fileName: "a.csv", progress: { fraction: 0.5 }, cancelling: true });
    s = reduceImport(s, { type: "imported", outcome: { fileName: "a.csv", layerId: "IMP1" }, placed: layer("IMP1") });
    expect(s.imports.map((x) => x.id)).toEqual(["IMP1"]);
    expect(s.outcomes.at(-1)).toEqual({ fileName: "a.csv", layerId: "IMP1" });
  });

  it("replaces the layer of the same id in place, and places nothing for an empty import", () => {
    const from = { ...INITIAL_IMPORT_STATE, imports: [layer("IMP1"), layer("IMP2")] };
    const s = reduceImport(from, { type: "imported", outcome: { fileName: "new.csv" }, placed: layer("IMP1", "new.csv") });
    expect(s.imports.map((x) => x.fileName)).toEqual(["new.csv", "IMP2.csv"]);
    expect(reduceImport(from, { type: "imported", outcome: { fileName: "empty.csv" }, placed: null }).imports).toBe(from.imports);
  });

  it("says which layer is kept in this browser, and no other", () => {
    let s = reduceImport(INITIAL_IMPORT_STATE, { type: "imported", outcome: { fileName: "a.csv", layerId: "IMP1" }, placed: layer("IMP1") });
    s = reduceImport(s, { type: "imported", outcome: { fileName: "b.csv", layerId: "IMP2" }, placed: layer("IMP2") });
    expect(s.outcomes.map((o) => o.kept)).toEqual([undefined, undefined]);
    s = reduceImport(s, { type: "kept", layerId: "IMP2" });
    expect(s.outcomes.map((o) => o.kept)).toEqual([undefined, true]);
  });

  it("says which layer could not be kept, changes and removes layers by id", () => {
    let s = reduceImport(INITIAL_IMPORT_STATE, { type: "imported", outcome: { fileName: "a.csv", layerId: "IMP1" }, placed: layer("IMP1") });
    s = reduceImport(s, { type: "notKept", layerId: "IMP1", why: "quota" });
    expect(s.outcomes[0].notKept).toBe("quota");
    s = reduceImport(s, { type: "layerChanged", layer: layer("IMP1", "changed.csv") });
    expect(s.imports[0].fileName).toBe("changed.csv");
    expect(reduceImport(s, { type: "layerRemoved", id: "IMP1" }).imports).toEqual([]);
    expect(reduceImport(s, { type: "outcomesDismissed" }).outcomes).toEqual([]);
  });

  it("the layers read back from storage replace the list; none read back keeps it", () => {
    const s = reduceImport(INITIAL_IMPORT_STATE, { type: "restored", imports: [layer("IMP3")] });
    expect(s).toMatchObject({ restored: true, imports: [layer("IMP3")] });
    const kept = reduceImport({ ...INITIAL_IMPORT_STATE, imports: [layer("IMP1")] }, { type: "restored", imports: null });
    expect(kept).toMatchObject({ restored: true, imports: [layer("IMP1")] });
  });

  it("numbers a new layer with the first free id", () => {
    expect(nextLayerId([])).toBe("IMP1");
    expect(nextLayerId([layer("IMP1"), layer("IMP3")])).toBe("IMP2");
  });
});
