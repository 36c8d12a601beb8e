"use client";
// Who is signed in, read once from GET /api/session; sign-in and sign-out update it (./session.ts).
import { useCallback, useEffect, useReducer } from "react";
import { call, type SessionAccount } from "./api";
import { ASKING, reduceSession, type SessionState } from "./session";

export interface Session extends SessionState {
  signIn(name: string, password: string): Promise<string | null>;
  signOut(): Promise<void>;
}

export function useSession(): Session {
  const [{ account }, dispatch] = useReducer(reduceSession, ASKING);
  useEffect(() => {
    void call<{ account: SessionAccount | null }>("GET", "/api/session").then((r) => dispatch({ type: "sessionRead", account: r.ok ? r.data.account : null }));
  }, []);
  const signIn = useCallback(async (name: string, password: string) => {
    const r = await call<{ account: SessionAccount }>("POST", "/api/session", { name, password });
    if (!r.ok) return r.error;
    dispatch({ type: "signedIn", account: r.data.account });
    return null;
  }, []);
  const signOut = useCallback(async () => {
    await call("DELETE", "/api/session");
    dispatch({ type: "signedOut" });
  }, []);
  return { account, signIn, signOut };
}
