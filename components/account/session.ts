// Who is signed in, as a small reducer beside the explorer's (components/explorer/state.ts): the page's
// session read, a sign-in and a sign-out are what happened; `reduceSession` says what each means. Pure.
import type { SessionAccount } from "./api";

export interface SessionState {
  /** undefined while asking the server; null when nobody is signed in. */
  account: SessionAccount | null | undefined;
}

export type SessionAction =
  /** GET /api/session answered (null: nobody, or the server could not say). */
  | { type: "sessionRead"; account: SessionAccount | null }
  | { type: "signedIn"; account: SessionAccount }
  | { type: "signedOut" };

/** The state before the server has answered. */
export const ASKING: SessionState = { account: undefined };

export function reduceSession(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case "sessionRead":
      // The first read answers for the page as it opened: a sign-in or sign-out since is newer.
      return state.account === undefined ? { account: action.account } : state;
    case "signedIn":
      return { account: action.account };
    case "signedOut":
      return state.account === null ? state : { account: null };
  }
}
