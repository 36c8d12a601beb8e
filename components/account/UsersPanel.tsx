"use client";
// An admin's accounts: each with its role (changeable) and whether it may sign in, and a form to add one.
// There is no sign-up: this and `npm run user` are how accounts come to be.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { ACCOUNT_NAME_MAX, ACCOUNT_NAME_PATTERN, ACCOUNT_ROLES, type AccountRole } from "@/lib/rules/account";
import { call } from "./api";
import StatusMessage, { type Message } from "./StatusMessage";

interface User {
  name: string;
  role: AccountRole;
  disabled: boolean;
}

// Fewest rights first: a new account starts as a viewer.
const ROLES = [...ACCOUNT_ROLES].reverse();

export default function UsersPanel() {
  const [users, setUsers] = useState<User[]>([]);
  const [message, setMessage] = useState<Message | null>(null);
  // Bumped after each change, to read the list again.
  const [version, setVersion] = useState(0);
  const load = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    let live = true;
    void call<{ users: User[] }>("GET", "/api/users").then((r) => {
      if (!live) return;
      if (r.ok) setUsers(r.data.users);
      else setMessage({ error: true, text: r.error });
    });
    return () => {
      live = false;
    };
  }, [version]);

  const change = async (name: string, patch: Partial<Pick<User, "role" | "disabled">>) => {
    const r = await call("PATCH", `/api/users/${encodeURIComponent(name)}`, patch);
    setMessage(r.ok ? { error: false, text: `${name}: ${patch.role ? `now ${patch.role}` : patch.disabled ? "disabled" : "enabled"}.` } : { error: true, text: r.error });
    load();
  };
  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const name = String(f.get("name") ?? "");
    const r = await call("POST", "/api/users", { name, role: f.get("role"), password: f.get("password") });
    setMessage(r.ok ? { error: false, text: `${name} added.` } : { error: true, text: r.error });
    if (r.ok) form.reset();
    load();
  };

  return (
    <section className="panel users" aria-labelledby="users-heading">
      <h2 id="users-heading">Accounts</h2>
      <ul>
        {users.map((u) => (
          <li key={u.name} className="sharing__row">
            <span>{u.name}</span>
            <select aria-label={`Role of ${u.name}`} value={u.role} onChange={(e) => void change(u.name, { role: e.target.value as AccountRole })}>
              {ROLES.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
            <button type="button" className="link-button" onClick={() => void change(u.name, { disabled: !u.disabled })}>
              {u.disabled ? "Enable" : "Disable"}
            </button>
          </li>
        ))}
      </ul>
      <form className="save" onSubmit={(e) => void add(e)} aria-label="Add an account">
        <label>
          Name <input name="name" required maxLength={ACCOUNT_NAME_MAX} pattern={ACCOUNT_NAME_PATTERN} />
        </label>
        <label>
          Role{" "}
          <select name="role" defaultValue="viewer">
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Password <input name="password" type="password" autoComplete="new-password" required minLength={12} />
        </label>
        <button type="submit" className="secondary-button">
          Add account
        </button>
      </form>
      <StatusMessage message={message} />
    </section>
  );
}
