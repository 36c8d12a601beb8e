"use client";
// The account forms a visitor reaches only by acting (signing in, managing users, sharing, describing a
// dataset, saving an import), loaded then: a first visit downloads none of them.
import { lazyComponent } from "../layout/lazy";
import LoadingPanel from "../layout/LoadingPanel";

function Loading() {
  return <p className="muted">Loading…</p>;
}

export const UsersPanel = lazyComponent(() => import("./UsersPanel").then((m) => m.default), () => <LoadingPanel title="Accounts" />);
export const SharingPanel = lazyComponent(() => import("./SharingPanel").then((m) => m.default), Loading);
export const SaveToServer = lazyComponent(() => import("./SaveToServer").then((m) => m.default), Loading);
export const SavedDataset = lazyComponent(() => import("./SaveToServer").then((m) => m.SavedDataset), Loading);
export const DescriptionPanel = lazyComponent(() => import("./DescriptionPanel").then((m) => m.default), Loading);
export const SignInForm = lazyComponent(() => import("./SignInForm").then((m) => m.default), Loading);
