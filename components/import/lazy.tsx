"use client";
// The imports' machinery, loaded when a file is first chosen or this browser keeps imports; the import
// dialog's mapping step and progress, loaded when a file first reaches them; and the import's report, loaded
// as soon as a file is being read: a visit that imports nothing downloads none of them.
import { createElement, useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import type { Imports } from "./ImportsHost";
import { mayHoldImports } from "./importStore";
import { lazyComponent } from "../layout/lazy";

function Loading() {
  return <p className="muted">Loading…</p>;
}

export const MappingStep = lazyComponent(() => import("./MappingStep").then((m) => m.default), Loading);
export const ImportProgress = lazyComponent(() => import("./ImportProgress").then((m) => m.default), Loading);

type ReportModule = typeof import("./ImportReport");
type Report = ReportModule["default"];
let report: Report | null = null;
let reportLoading: Promise<Report> | null = null;
const loadReport = () => (reportLoading ??= import("./ImportReport").then((m) => (report = m.default)));

/** Where a report would be when its code could not be loaded: said, rather than no report at all. */
function ReportNotLoaded() {
  return <p className="error">This import&apos;s report could not be loaded: reload the page to read it.</p>;
}

/**
 * The report's component once its code is here, else null; its code is asked for while `wanted`. The page
 * shows the reports only with it, so a report reads whole the moment it appears (a refused file is reported
 * within milliseconds of being picked).
 */
export function useImportReport(wanted: boolean): Report | null {
  const [loaded, setLoaded] = useState<Report | null>(() => report);
  useEffect(() => {
    if (!wanted || loaded) return;
    let live = true;
    loadReport().then(
      (r) => live && setLoaded(() => r),
      () => live && setLoaded(() => ReportNotLoaded),
    );
    return () => {
      live = false;
    };
  }, [wanted, loaded]);
  return loaded;
}

type Host = typeof import("./ImportsHost").default;
let host: Host | null = null;
let hostLoading: Promise<Host> | null = null;
const loadHost = () => (hostLoading ??= import("./ImportsHost").then((m) => (host = m.default)));

const NO_PLACED = new Map<string, readonly never[]>();
const nothing = () => undefined;

/** The imports before their code is here: none kept, none in hand; a file chosen meanwhile waits for it. */
function noImports(restored: boolean, importFiles: (files: readonly File[]) => void): Imports {
  return {
    imports: [],
    collectionOf: () => ({ type: "FeatureCollection", features: [] }),
    restored,
    busy: false,
    step: { kind: "idle" },
    outcomes: [],
    placedById: NO_PLACED,
    importedFrom: () => null,
    importFiles,
    changeMapping: nothing,
    changeRead: nothing,
    resetRemembered: nothing,
    confirm: nothing,
    cancelImport: nothing,
    skipFile: nothing,
    remove: async () => undefined,
    applyFlags: nothing,
    dismiss: nothing,
  };
}

// The mounted hook's loader while its code is not here yet (one page, one hook).
let prepare: (() => void) | null = null;

/**
 * Loads the imports' code and starts their worker when a file is about to be chosen (the picker pressed or
 * focused, a file dragged over the page): a file dialog takes the user seconds, so the worker has read its
 * scripts by the time the file comes, rather than only then (~0.4 s of a 100k import).
 */
export function prepareImports(): void {
  prepare?.();
}

/**
 * components/import/useImports.ts, its code loaded when first needed: at once when this browser may keep
 * imports (they are restored as before), else when a file is first picked or dropped. `host` is the element
 * that runs it: the page renders it anywhere.
 */
export function useImportsWhenUsed(datasetIds: ReadonlySet<string>, onPlaced: (layerId: string) => void): { imports: Imports; host: ReactNode } {
  const [Host, setHost] = useState<Host | null>(() => host);
  const [fromHost, setFromHost] = useState<Imports | null>(null);
  const [chosen, setChosen] = useState<readonly File[]>([]);
  const [noneKept, setNoneKept] = useState(false);
  const load = useCallback(() => {
    loadHost().then(
      (h) => setHost(() => h),
      () => setNoneKept(true), // the page goes on without its imports rather than wait for them
    );
  }, []);
  useEffect(() => {
    if (Host) return;
    let live = true;
    void mayHoldImports().then((may) => {
      if (!live) return;
      if (may) load();
      else setNoneKept(true);
    });
    return () => {
      live = false;
    };
  }, [Host, load]);
  const choose = useCallback(
    (files: readonly File[]) => {
      setChosen((before) => [...before, ...files]);
      load();
    },
    [load],
  );
  useEffect(() => {
    if (Host) return;
    prepare = load;
    return () => {
      if (prepare === load) prepare = null;
    };
  }, [Host, load]);
  const waiting = useMemo(() => noImports(noneKept, choose), [noneKept, choose]);
  return {
    imports: fromHost ?? waiting,
    host: Host && createElement(Host, { datasetIds, onPlaced, onImports: setFromHost, chosen }),
  };
}
