"use client";
// The header's account corner: a small sign-in form (name, password, what went wrong in words), or who is
// signed in and a way out. There is no sign-up: an admin makes accounts.
import { useState, type FormEvent } from "react";
import type { Session } from "./useSession";
import { ACCOUNT_NAME_MAX } from "@/lib/rules/account";

export default function AccountBar({ session }: { session: Session }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { account } = session;
  if (account === undefined) return null;
  if (account) {
    return (
      <div className="account" data-testid="account">
        <span>
          Signed in as <strong>{account.name}</strong> ({account.role})
        </span>
        <button type="button" className="link-button" onClick={() => void session.signOut()}>
          Sign out
        </button>
      </div>
    );
  }
  if (!open) {
    return (
      <div className="account">
        <button type="button" className="link-button" onClick={() => setOpen(true)}>
          Sign in
        </button>
      </div>
    );
  }
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    const problem = await session.signIn(String(form.get("name") ?? ""), String(form.get("password") ?? ""));
    setBusy(false);
    setError(problem);
    if (!problem) setOpen(false);
  };
  return (
    <form className="account account__form" onSubmit={(e) => void submit(e)} aria-label="Sign in">
      <label>
        Name <input name="name" autoComplete="username" required maxLength={ACCOUNT_NAME_MAX} />
      </label>
      <label>
        Password <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" className="secondary-button" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
      <button type="button" className="link-button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
