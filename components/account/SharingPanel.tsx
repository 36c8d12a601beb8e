"use client";
// Who may open a dataset: its visibility, the accounts it is shared with, and "anyone with the link" keys
// (made here and shown once, with a copy button; revoked here). Only its owner or an admin sees this.
import { useState } from "react";
import type { Visibility } from "@/lib/rules/dataset";
import { VISIBILITY_LABELS, call, type DatasetSummary } from "./api";
import { VisibilityOptions } from "./VisibilityOptions";
import StatusMessage, { type Message } from "./StatusMessage";

interface Props {
  dataset: DatasetSummary;
  onChanged: (d: DatasetSummary) => void;
}

export default function SharingPanel({ dataset, onChanged }: Props) {
  const [link, setLink] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [shares, setShares] = useState((dataset.shares ?? []).join(", "));
  const base = `/api/datasets/${dataset.slug}`;
  const report = (error: boolean, text: string) => setMessage({ error, text });

  const refresh = async () => {
    const r = await call<{ dataset: DatasetSummary }>("GET", base);
    if (r.ok) onChanged(r.data.dataset);
  };
  const setVisibility = async (visibility: Visibility) => {
    const r = await call<{ dataset: DatasetSummary }>("PATCH", base, { visibility });
    if (!r.ok) return report(true, r.error);
    onChanged(r.data.dataset);
    report(false, `Visibility: ${VISIBILITY_LABELS[visibility]}.`);
  };
  const makeLink = async () => {
    const r = await call<{ url: string }>("POST", `${base}/links`);
    if (!r.ok) return report(true, r.error);
    setLink(new URL(r.data.url, window.location.href).href);
    report(false, "Link made: anyone with it can open the dataset.");
    await refresh();
  };
  const revoke = async () => {
    const r = await call<{ revoked: number }>("DELETE", `${base}/links`);
    if (!r.ok) return report(true, r.error);
    setLink(null);
    report(false, `${r.data.revoked} link${r.data.revoked === 1 ? "" : "s"} revoked: ${r.data.revoked === 1 ? "it no longer opens" : "they no longer open"} the dataset.`);
    await refresh();
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link!);
      report(false, "Link copied.");
    } catch {
      report(false, "Copy the link from the field.");
    }
  };
  const saveShares = async () => {
    const names = shares.split(/[\s,]+/).filter(Boolean);
    const r = await call<{ shares: string[] }>("PUT", `${base}/shares`, { accounts: names });
    if (!r.ok) return report(true, r.error);
    setShares(r.data.shares.join(", "));
    report(false, r.data.shares.length ? `Shared with ${r.data.shares.join(", ")}.` : "Shared with nobody.");
    await refresh();
  };

  return (
    <div className="sharing" data-testid="sharing">
      <label>
        Who can open it{" "}
        <select value={dataset.visibility} onChange={(e) => void setVisibility(e.target.value as Visibility)}>
          <VisibilityOptions />
        </select>
      </label>
      <div className="sharing__row">
        <button type="button" className="secondary-button" onClick={() => void makeLink()}>
          Make link
        </button>
        <button type="button" className="link-button" onClick={() => void revoke()} disabled={!dataset.liveLinks}>
          Revoke links{dataset.liveLinks ? ` (${dataset.liveLinks})` : ""}
        </button>
      </div>
      {link && (
        <div className="sharing__row">
          <input readOnly value={link} aria-label="Link to the dataset" onFocus={(e) => e.target.select()} />
          <button type="button" className="secondary-button" onClick={() => void copy()}>
            Copy
          </button>
        </div>
      )}
      <label>
        Shared with (account names){" "}
        <input value={shares} onChange={(e) => setShares(e.target.value)} placeholder="e.g. amira, jonas" />
      </label>
      <button type="button" className="link-button" onClick={() => void saveShares()}>
        Save sharing
      </button>
      <StatusMessage message={message} />
    </div>
  );
}
