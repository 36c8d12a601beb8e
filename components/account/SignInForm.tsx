"use client";
// The header's sign-in form: name, password, and what went wrong in words. There is no sign-up: an admin
// makes accounts.
import { useState, type FormEvent } from "react";
import type { Session } from "./useSession";
import { ACCOUNT_NAME_MAX } from "@/lib/rules/account";

/** `onClose` is called on Cancel and once signed in. */
export default function SignInForm({ session, onClose }: { session: Session; onClose: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    const problem = await session.signIn(String(form.get("name") ?? ""), String(form.get("password") ?? ""));
    setBusy(false);
    setError(problem);
    if (!problem) onClose();
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
      <button type="button" className="link-button" onClick={onClose}>
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
