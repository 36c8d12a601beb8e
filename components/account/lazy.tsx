"use client";
// The account forms a visitor reaches only by acting (signing in, managing users, sharing, describing a
// dataset, saving an import), loaded then: a first visit downloads none of them.
import dynamic from "next/dynamic";
import LoadingPanel from "../layout/LoadingPanel";

function Loading() {
  return <p className="muted">Loading…</p>;
}

export const UsersPanel = dynamic(() => import("./UsersPanel"), { loading: () => <LoadingPanel title="Accounts" /> });
export const SharingPanel = dynamic(() => import("./SharingPanel"), { loading: Loading });
export const SaveToServer = dynamic(() => import("./SaveToServer"), { loading: Loading });
export const SavedDataset = dynamic(() => import("./SaveToServer").then((m) => m.SavedDataset), { loading: Loading });
export const DescriptionPanel = dynamic(() => import("./DescriptionPanel"), { loading: Loading });
export const SignInForm = dynamic(() => import("./SignInForm"), { loading: Loading });
