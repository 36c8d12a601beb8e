"use client";
// The explorer, mounted once the browser has read the link: the static shell is the same for every URL,
// so the link's state cannot be in its HTML, and reading it during hydration would not match that HTML.
import { useEffect, useState } from "react";
import IncidentExplorer, { type ExplorerProps } from "@/components/IncidentExplorer";
import DroppedParams from "@/components/DroppedParams";
import { readLink } from "@/lib/url/state";

type Link = Pick<ExplorerProps, "initial" | "initialFilter">;

export default function ExplorerMount(props: Omit<ExplorerProps, "initial" | "initialFilter" | "incidents">) {
  const [link, setLink] = useState<Link | null>(null);
  useEffect(() => {
    const { state, filter } = readLink(window.location.search);
    setLink({ initial: state, initialFilter: filter });
  }, []);
  if (!link) {
    return (
      <div className="app">
        <header className="app__header">
          <h1>{props.datasetName}</h1>
          <p className="muted">Loading…</p>
        </header>
      </div>
    );
  }
  return (
    <>
      <IncidentExplorer {...props} incidents={null} initial={link.initial} initialFilter={link.initialFilter} />
      <DroppedParams />
    </>
  );
}
