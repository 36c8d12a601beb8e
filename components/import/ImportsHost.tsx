"use client";
// The imports' machinery (components/import/useImports.ts) as a component the page mounts once it is needed
// (./lazy.tsx): it runs the hook and hands each of its results up. Renders nothing.
import { memo, useEffect, useRef } from "react";
import { useImports } from "./useImports";

export type Imports = ReturnType<typeof useImports>;

interface Props {
  datasetIds: ReadonlySet<string>;
  onPlaced: (layerId: string) => void;
  /** Hears every result of the hook; stable, so the host renders only for its own state. */
  onImports: (imports: Imports) => void;
  /** Files picked or dropped before this code was here (only ever added to): imported once it is. */
  chosen: readonly File[];
}

function ImportsHost({ datasetIds, onPlaced, onImports, chosen }: Props) {
  const imports = useImports(datasetIds, onPlaced);
  useEffect(() => onImports(imports));
  const { importFiles } = imports;
  const taken = useRef(0);
  useEffect(() => {
    const fresh = chosen.slice(taken.current);
    taken.current = chosen.length;
    if (fresh.length) importFiles(fresh);
  }, [chosen, importFiles]);
  return null;
}

export default memo(ImportsHost);
