"use client";
// Who is signed in, read once from GET /api/session; sign-in and sign-out update it.
import { useCallback, useEffect, useState } from "react";
import { call, type SessionAccount } from "./api";

export interface Session {
  /** undefined while asking the server; null when nobody is signed in. */
  account: SessionAccount | null | undefined;
  signIn(name: string, password: string): Promise<string | null>;
  signOut(): Promise<void>;
}

export function useSession(): Session {
  const [account, setAccount] = useState<SessionAccount | null | undefined>(undefined);
  useEffect(() => {
    void call<{ account: SessionAccount | null }>("GET", "/api/session").then((r) => setAccount(r.ok ? r.data.account : null));
  }, []);
  const signIn = useCallback(async (name: string, password: string) => {
    const r = await call<{ account: SessionAccount }>("POST", "/api/session", { name, password });
    if (!r.ok) return r.error;
    setAccount(r.data.account);
    return null;
  }, []);
  const signOut = useCallback(async () => {
    await call("DELETE", "/api/session");
    setAccount(null);
  }, []);
  return { account, signIn, signOut };
}
