"use client";
// The one place the explorer's state lives: a small store around the pure reducer (./state.ts) that
// writes each action's URL and follows Back and Forward. The page's HTML is a static shell the same for
// every link, so the state is read from window.location on the client only: React renders the server's
// snapshot (the state of a bare URL) while it hydrates, then the link's state (useSyncExternalStore).
import { useState, useSyncExternalStore } from "react";
import { historyEntry, reduce, shareableSearch, stateFromUrl, type ExplorerAction, type ExplorerState } from "./state";

/** What the server renders: the state of a URL with no parameters. */
const SERVER_STATE = stateFromUrl("");
const serverSnapshot = () => SERVER_STATE;

export interface ExplorerStore {
  getSnapshot(): ExplorerState;
  subscribe(listener: () => void): () => void;
  dispatch(action: ExplorerAction): void;
}

export function createExplorerStore(): ExplorerStore {
  // Read from the URL at the first client read, never on the server.
  let state: ExplorerState | null = null;
  const listeners = new Set<() => void>();
  const getSnapshot = () => (state ??= stateFromUrl(window.location.search));

  const writeUrl = (next: ExplorerState, mode: "push" | "replace") => {
    const { pathname, search } = window.location;
    const url = `${pathname}${shareableSearch(next, search)}`;
    if (url === `${pathname}${search}`) return;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  };

  const dispatch = (action: ExplorerAction) => {
    const previous = getSnapshot();
    const next = reduce(previous, action);
    if (next === previous) return;
    state = next;
    const mode = historyEntry(action);
    if (mode) writeUrl(next, mode);
    for (const listener of listeners) listener();
  };

  const onPopState = () => dispatch({ type: "historyNavigated", search: window.location.search });
  const subscribe = (listener: () => void) => {
    if (listeners.size === 0) window.addEventListener("popstate", onPopState);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) window.removeEventListener("popstate", onPopState);
    };
  };
  return { getSnapshot, subscribe, dispatch };
}

/**
 * The explorer's state and its dispatch. `fromUrl` is false only while the server's HTML is hydrated (the
 * state is then the bare URL's): what reads the link once at mount, as the map does, waits for it.
 */
export function useExplorerStore(): { state: ExplorerState; dispatch: (action: ExplorerAction) => void; fromUrl: boolean } {
  const [store] = useState(createExplorerStore);
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot, serverSnapshot);
  return { state, dispatch: store.dispatch, fromUrl: state !== SERVER_STATE };
}
