"use client";
// The datasets on the server this visitor may open (public ones; signed in, also its own and those shared
// with it): each a link `/?dataset=SLUG`, and for those it manages, their sharing and what they open with.
import { useEffect, useState } from "react";
import { VISIBILITY_LABELS, call, type DatasetSummary, type SessionAccount } from "./api";
import { DescriptionPanel, SharingPanel } from "./lazy";
import type { PageNow } from "./DescriptionPanel";

interface Props {
  /** Who is signed in (null: nobody); the list is read again when it changes. */
  account: SessionAccount | null | undefined;
  /** Bumped after a save, to read the list again. */
  version: number;
  /** What the page shows now, which a dataset's owner may make its description. */
  now: PageNow;
  onDescribed: (slug: string) => void;
}

export default function DatasetsPanel({ account, version, now, onDescribed }: Props) {
  const [datasets, setDatasets] = useState<DatasetSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sharing, setSharing] = useState<DatasetSummary | null>(null);
  const [describing, setDescribing] = useState<string | null>(null);
  const who = account === undefined ? undefined : (account?.name ?? "");

  useEffect(() => {
    if (who === undefined) return;
    let live = true;
    void call<{ datasets: DatasetSummary[] }>("GET", "/api/datasets").then((r) => {
      if (!live) return;
      setDatasets(r.ok ? r.data.datasets : null);
      setError(r.ok ? null : r.error);
    });
    return () => {
      live = false;
    };
  }, [who, version]);

  const openSharing = async (slug: string) => {
    const r = await call<{ dataset: DatasetSummary }>("GET", `/api/datasets/${slug}`);
    if (r.ok) setSharing(r.data.dataset);
    else setError(r.error);
  };

  return (
    <section className="panel datasets" aria-labelledby="datasets-heading">
      <h2 id="datasets-heading">Datasets on the server</h2>
      {error && <p className="error">{error}</p>}
      {datasets && datasets.length === 0 && <p className="muted">None you can open.</p>}
      {datasets && datasets.length > 0 && (
        <ul>
          {datasets.map((d) => (
            <li key={d.slug}>
              <a href={d.url}>{d.name}</a>{" "}
              <span className="muted">
                {VISIBILITY_LABELS[d.visibility].split(" (")[0]}
                {d.owner ? `, ${d.owner}` : ""}
              </span>
              {d.access.manage && (
                <button type="button" className="link-button" onClick={() => void (sharing?.slug === d.slug ? setSharing(null) : openSharing(d.slug))} aria-label={`Sharing of ${d.name}`}>
                  Sharing
                </button>
              )}
              {d.access.manage && (
                <button type="button" className="link-button" onClick={() => setDescribing(describing === d.slug ? null : d.slug)} aria-label={`What ${d.name} opens with`}>
                  Opens with
                </button>
              )}
              {describing === d.slug && <DescriptionPanel slug={d.slug} now={now} onChanged={onDescribed} />}
              {sharing?.slug === d.slug && (
                <SharingPanel
                  dataset={sharing}
                  onChanged={(c) => {
                    setSharing(c);
                    setDatasets((list) => list?.map((x) => (x.slug === c.slug ? { ...x, visibility: c.visibility } : x)) ?? null);
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
