"use client";
// The account and dataset routes as the page calls them: JSON in and out, an error as the server's words.
import type { AccountRole } from "@/lib/rules/account";
import type { DatasetView, Visibility } from "@/lib/rules/dataset";

export interface SessionAccount {
  name: string;
  role: AccountRole;
}

export type { DatasetView as DatasetSummary };

export type Reply<T> = { ok: true; data: T } | { ok: false; status: number; error: string };

/** Calls a route; a refusal comes back with the server's message (it names the field and the value). */
export async function call<T>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
  try {
    const res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
    const data = (await res.json().catch(() => null)) as (T & { error?: string }) | null;
    if (res.ok && data) return { ok: true, data };
    const retry = res.headers.get("retry-after");
    const error = data?.error ?? `the server answered ${res.status} ${res.statusText}`;
    return { ok: false, status: res.status, error: retry && !error.includes("try again") ? `${error} Try again in ${retry} seconds.` : error };
  } catch (err) {
    return { ok: false, status: 0, error: `the server could not be reached (${(err as Error).message})` };
  }
}

export const VISIBILITY_LABELS: Record<Visibility, string> = {
  private: "Private (me and the people I share it with)",
  link: "Anyone with the link",
  public: "Public",
};
