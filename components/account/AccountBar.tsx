"use client";
// The header's account corner: a way in (the sign-in form, loaded when first opened: components/account/
// SignInForm.tsx), or who is signed in and a way out.
import { useState } from "react";
import type { Session } from "./useSession";
import { SignInForm } from "./lazy";

export default function AccountBar({ session }: { session: Session }) {
  const [open, setOpen] = useState(false);
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
  return <SignInForm session={session} onClose={() => setOpen(false)} />;
}
