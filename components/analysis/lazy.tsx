"use client";
// The analysis panel, loaded when rings or hotspots are first switched on: most visits never open it.
import dynamic from "next/dynamic";
import LoadingPanel from "../layout/LoadingPanel";

export const AnalysisPanel = dynamic(() => import("./AnalysisPanel"), { loading: () => <LoadingPanel title="Analysis" /> });
