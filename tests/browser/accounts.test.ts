// Accounts and saved datasets against the production build with a database of its own: who may write
// (403 for a viewer, nothing changed), what others see (404 for a private dataset, a revoked link stops
// working), the sign-in rate limit, writes from another site, and the flow: import a file, save it
// as a dataset, open its link in a second browser and see the same incidents.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import type { Browser } from "playwright-core";
import { CHROMIUM_ARGS } from "./harness-args";
import { chromium } from "playwright-core";
import { startServer, type Server } from "./server";
import { importOneClick } from "./import-helpers";
import { testDatabase, type TestPostgres } from "../support/postgres";
import { openDb } from "@/lib/db/open";
import { createAccount } from "@/lib/auth/accounts";
import { hashPassword } from "@/lib/auth/password";
import { SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS } from "@/lib/auth/rate-limit";
import { MAX_WRITE_BYTES } from "@/lib/server/write-limit";

const PASSWORD = "a long enough password";
const ACCOUNTS = [
  ["root", "admin"],
  ["amira", "editor"],
  ["jonas", "editor"],
  ["vera", "viewer"],
] as const;
// A file the importer reads (it gives the incidents their ids), and valid incidents for the API.
const GOOD = readFileSync("tests/fixtures/import/good.geojson", "utf8");
const daraa = JSON.parse(readFileSync("geodata/incidents.geojson", "utf8"));
const collection = { type: "FeatureCollection", features: daraa.features.slice(0, 5) };

let pg: TestPostgres;
let server: Server;
let browser: Browser;

beforeAll(async () => {
  pg = await testDatabase();
  const db = await openDb({ url: pg.url });
  const hash = await hashPassword(PASSWORD);
  for (const [name, role] of ACCOUNTS) await createAccount(db, { name, role, passwordHash: hash });
  await db.close();
  server = await startServer({ DATABASE_URL: pg.url, TRUST_PROXY: "1" }, "/api/session");
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.stop();
  await pg?.stop();
});

interface Call {
  cookie?: string;
  body?: unknown;
  /** The Origin header: the server's own unless told (null: none). */
  origin?: string | null;
  /** The client's address (the server trusts X-Forwarded-For here): each test its own unless told. */
  from?: string;
}

// Each test signs in from an address of its own, so the per-address limit of one does not spill into the next.
let testAddress = "10.0.0.1";
beforeEach((ctx) => {
  testAddress = `10.0.${ctx.task.name.length}.${Math.floor(Math.random() * 250) + 1}`;
});

async function api(method: string, path: string, { cookie, body, origin, from }: Call = {}) {
  const headers: Record<string, string> = { "x-forwarded-for": from ?? testAddress };
  const o = origin === undefined ? server.baseURL : origin;
  if (o !== null) headers.origin = o;
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(server.baseURL + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

async function signIn(name: string): Promise<string> {
  const res = await api("POST", "/api/session", { body: { name, password: PASSWORD } });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.headers.get("set-cookie")!.split(";")[0];
}

async function newDataset(cookie: string, name: string, visibility: string) {
  const res = await api("POST", "/api/datasets", { cookie, body: { name, visibility, licence: "CC BY 4.0", source: "test", collection } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.dataset as { slug: string; incidents: number };
}

describe("accounts and datasets", () => {
  it("signs in with an HttpOnly, SameSite=Lax session cookie; a wrong password and an unknown name get the same 401", async () => {
    const res = await api("POST", "/api/session", { body: { name: "amira", password: PASSWORD } });
    expect(res.json).toEqual({ account: { name: "amira", role: "editor" } });
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    expect((await api("GET", "/api/session", { cookie: cookie.split(";")[0] })).json).toEqual({ account: { name: "amira", role: "editor" } });
    const wrong = await api("POST", "/api/session", { body: { name: "amira", password: "not the password" } });
    const unknown = await api("POST", "/api/session", { body: { name: "nobody", password: PASSWORD } });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.json).toEqual(unknown.json);
    const out = await api("DELETE", "/api/session", { cookie: cookie.split(";")[0] });
    expect(out.headers.get("set-cookie")).toMatch(/^session=; Path=\/; Max-Age=0/);
    expect((await api("GET", "/api/session", { cookie: cookie.split(";")[0] })).json).toEqual({ account: null });
  });

  it("a viewer cannot write: 403, and nothing changed", async () => {
    const amira = await signIn("amira");
    const vera = await signIn("vera");
    const d = await newDataset(amira, "Shared with a viewer", "private");
    expect((await api("PUT", `/api/datasets/${d.slug}/shares`, { cookie: amira, body: { accounts: ["vera"] } })).json).toEqual({ shares: ["vera"] });
    const before = (await api("GET", `/api/datasets/${d.slug}`, { cookie: vera })).json;
    expect(before.dataset.access).toEqual({ read: true, add: false, manage: false });
    const listBefore = (await api("GET", "/api/datasets", { cookie: amira })).json;
    const more = { type: "FeatureCollection", features: [{ ...collection.features[0], properties: { ...collection.features[0].properties, event_id: "V1" } }] };
    for (const [method, path, body] of [
      ["POST", "/api/datasets", { name: "Mine now", visibility: "public", collection }],
      ["POST", `/api/datasets/${d.slug}/incidents`, { collection: more }],
      ["PATCH", `/api/datasets/${d.slug}`, { name: "Renamed" }],
      ["DELETE", `/api/datasets/${d.slug}`, undefined],
      ["POST", `/api/datasets/${d.slug}/links`, undefined],
      ["PUT", `/api/datasets/${d.slug}/shares`, { accounts: [] }],
      ["POST", "/api/users", { name: "sneaky", role: "admin", password: PASSWORD }],
    ] as const) {
      const res = await api(method, path, { cookie: vera, body });
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.json)}`).toBe(403);
      expect(res.json.error).toMatch(/not allowed for vera/);
    }
    expect((await api("GET", `/api/datasets/${d.slug}`, { cookie: vera })).json).toEqual(before);
    expect((await api("GET", "/api/datasets", { cookie: amira })).json).toEqual(listBefore);
    expect((await api("GET", "/api/users", { cookie: await signIn("root") })).json.users.map((u: { name: string }) => u.name)).not.toContain("sneaky");
  });

  it("a private dataset is 404 to everyone it is not shared with, the same 404 as no dataset at all", async () => {
    const amira = await signIn("amira");
    const d = await newDataset(amira, "Private notes", "private");
    expect(d.incidents).toBe(collection.features.length);
    const missing = await api("GET", "/api/datasets/no-such-dataset");
    expect(missing.status).toBe(404);
    for (const cookie of [undefined, await signIn("jonas"), await signIn("vera")]) {
      const res = await api("GET", `/api/datasets/${d.slug}`, { cookie });
      expect(res.status).toBe(404);
      expect(res.json.error).toBe(missing.json.error.replace("no-such-dataset", d.slug));
      expect((await api("GET", "/api/datasets", { cookie })).json.datasets.map((x: { slug: string }) => x.slug)).not.toContain(d.slug);
      // A write to it is 404 too, not 403: whether it exists is not given away. Without a session every
      // write is 401 at the door, whatever the dataset.
      expect((await api("PATCH", `/api/datasets/${d.slug}`, { cookie, body: { name: "x" } })).status).toBe(cookie ? 404 : 401);
    }
    expect((await api("GET", `/api/datasets/${d.slug}`, { cookie: await signIn("root") })).status).toBe(200);
    expect((await api("GET", `/api/datasets/${d.slug}`, { cookie: amira })).json.dataset.name).toBe("Private notes");
  });

  it("a link key opens a 'link' dataset to anyone; once revoked, the link is 404", async () => {
    const amira = await signIn("amira");
    const d = await newDataset(amira, "By link", "link");
    const made = await api("POST", `/api/datasets/${d.slug}/links`, { cookie: amira });
    expect(made.status).toBe(201);
    const { key, url } = made.json;
    expect(key).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(url).toBe(`/?dataset=${d.slug}&key=${key}`);
    expect((await api("GET", `/api/datasets/${d.slug}`)).status).toBe(404);
    const opened = await api("GET", `/api/datasets/${d.slug}?key=${key}`);
    expect(opened.status).toBe(200);
    expect(opened.json.dataset.incidents).toBe(collection.features.length);
    expect((await api("DELETE", `/api/datasets/${d.slug}/links`, { cookie: amira })).json).toEqual({ revoked: 1 });
    expect((await api("GET", `/api/datasets/${d.slug}?key=${key}`)).status).toBe(404);
  });

  it("a write from another site, or signed in without an Origin, is 403 and changes nothing", async () => {
    const amira = await signIn("amira");
    const d = await newDataset(amira, "Origin check", "public");
    for (const origin of ["https://evil.example", "null", null]) {
      const res = await api("PATCH", `/api/datasets/${d.slug}`, { cookie: amira, origin, body: { name: "Defaced" } });
      expect(res.status).toBe(403);
      expect(res.json.field).toBe("Origin");
    }
    expect((await api("DELETE", `/api/datasets/${d.slug}`, { cookie: amira, origin: "https://evil.example" })).status).toBe(403);
    expect((await api("GET", `/api/datasets/${d.slug}`)).json.dataset.name).toBe("Origin check");
  });

  it("bad writes are 400 naming the field and the value, and change nothing", async () => {
    const amira = await signIn("amira");
    const bad = structuredClone(collection);
    bad.features[1].properties.event_date = "2021-13-01";
    const res = await api("POST", "/api/datasets", { cookie: amira, body: { name: "Bad", visibility: "public", collection: bad } });
    expect(res.status).toBe(400);
    expect(res.json.field).toBe("collection.features[1].properties.event_date");
    expect(res.json.error).toContain('(value: "2021-13-01")');
    const vis = await api("POST", "/api/datasets", { cookie: amira, body: { name: "Bad", visibility: "secret", collection } });
    expect(vis.json).toEqual({ error: 'visibility: must be one of private, link, public (value: "secret")', field: "visibility" });
    expect((await api("GET", "/api/datasets", { cookie: amira })).json.datasets.map((x: { name: string }) => x.name)).not.toContain("Bad");
  });

  it("a body over the limit is 413 from its Content-Length, before it is sent", async () => {
    const amira = await signIn("amira");
    const { hostname, port } = new URL(server.baseURL);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const headers = { origin: server.baseURL, cookie: amira, "content-type": "application/json", "content-length": String(MAX_WRITE_BYTES + 1), "x-forwarded-for": testAddress };
      const req = httpRequest({ hostname, port, path: "/api/datasets", method: "POST", headers }, (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => {
          resolve({ status: res.statusCode!, body });
          req.destroy();
        });
      });
      req.on("error", reject);
      // Only the first bytes: the answer must not wait for the other 100 MB.
      req.write('{"name": "Too big", "collection": ');
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: `body: larger than the limit of ${MAX_WRITE_BYTES} bytes (100 MiB)`, field: "body" });
  });

  it("limits sign-in per account name: 429 with Retry-After and when to try again, even with the right password", async () => {
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT.capacity; i++) expect((await api("POST", "/api/session", { body: { name: "jonas", password: "wrong password!" } })).status).toBe(401);
    const res = await api("POST", "/api/session", { body: { name: "jonas", password: PASSWORD } });
    expect(res.status).toBe(429);
    const wait = Number(res.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(res.json.error).toBe(`Too many sign-in attempts: try again in ${wait} seconds.`);
  });

  it("limits sign-in per address: 429 once an address has tried too many names", async () => {
    const from = "10.9.9.9";
    // Sent together, so they all arrive long before the bucket regains a try.
    const tries = await Promise.all(
      Array.from({ length: SIGN_IN_PER_ADDRESS.capacity + 3 }, (_, i) => api("POST", "/api/session", { from, body: { name: `guess${i}`, password: PASSWORD } })),
    );
    const statuses = tries.map((t) => t.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_PER_ADDRESS.capacity);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    const res = tries.find((t) => t.status === 429)!;
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(res.json.error).toMatch(/^Too many sign-in attempts: try again in \d+ seconds\.$/);
    // Another address still signs in.
    expect((await api("POST", "/api/session", { from: "10.9.9.10", body: { name: "amira", password: PASSWORD } })).status).toBe(200);
  });

  it("an admin adds an account in the app, which then signs in; the last admin cannot step down", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.route(/tile\.openstreetmap\.org/, (r) => r.abort("internetdisconnected"));
    await page.goto(server.baseURL + "/");
    await page.getByRole("button", { name: "Sign in" }).click();
    const signInForm = page.getByRole("form", { name: "Sign in" });
    await signInForm.getByLabel("Name").fill("root");
    await signInForm.getByLabel("Password").fill(PASSWORD);
    await signInForm.getByRole("button", { name: "Sign in" }).click();
    const add = page.getByRole("form", { name: "Add an account" });
    await add.getByLabel("Name").fill("newbie");
    await add.getByLabel("Role").selectOption("editor");
    await add.getByLabel("Password").fill(PASSWORD);
    await add.getByRole("button", { name: "Add account" }).click();
    await page.getByText("newbie added.").waitFor();
    await ctx.close();
    expect((await api("POST", "/api/session", { body: { name: "newbie", password: PASSWORD } })).json).toEqual({ account: { name: "newbie", role: "editor" } });
    const root = await signIn("root");
    const res = await api("PATCH", "/api/users/root", { cookie: root, body: { role: "editor" } });
    expect(res.status).toBe(409);
    expect(res.json.error).toBe("role: root is the last admin; make another admin first");
  });

  it("the issue's flow: sign in, import a file, save it as a dataset, make a link; a second browser opens it and sees the same incidents", async () => {
    const a = await browser.newContext();
    const page = await a.newPage();
    await page.route(/tile\.openstreetmap\.org/, (r) => r.abort("internetdisconnected"));
    await page.goto(server.baseURL + "/");
    await page.getByRole("button", { name: "Sign in" }).click();
    const signInForm = page.getByRole("form", { name: "Sign in" });
    await signInForm.getByLabel("Name").fill("amira");
    await signInForm.getByLabel("Password").fill("wrong password!!");
    await signInForm.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => signInForm.getByRole("alert").innerText()).toBe("The name or the password is wrong.");
    await signInForm.getByLabel("Password").fill(PASSWORD);
    await signInForm.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByTestId("account").innerText()).toMatch(/Signed in as amira \(editor\)/);

    const reportText = await importOneClick(page, "field-notes.geojson", GOOD, "application/geo+json");
    const imported = Number(/(\d+) of \d+ imported/.exec(reportText)![1]);
    expect(imported).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Save to server…" }).click();
    const form = page.getByRole("form", { name: "Save field-notes.geojson to the server" });
    await form.getByLabel("Name").fill("Field notes");
    await form.getByLabel("Licence").fill("CC BY 4.0");
    await form.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved to the server").waitFor();
    const sharing = page.getByTestId("sharing");
    await sharing.getByLabel("Who can open it").selectOption("link");
    await sharing.getByText("Visibility: Anyone with the link.").waitFor();
    await sharing.getByRole("button", { name: "Make link" }).click();
    const link = await sharing.getByLabel("Link to the dataset").inputValue();
    const m = /\/\?dataset=([a-z0-9-]+)&key=([A-Za-z0-9_-]{24})$/.exec(link);
    expect(m, link).not.toBeNull();
    const [, slug, key] = m!;
    await sharing.getByText("Link made: anyone with it can open the dataset.").waitFor();
    // The list of datasets follows: the new one is there, shared by link.
    const listed = page.getByRole("region", { name: "Datasets on the server" }).getByRole("listitem").filter({ hasText: "Field notes" });
    await expect.poll(() => listed.innerText()).toMatch(/Field notes Anyone with the link, amira/);
    // The name's slug with a random suffix (it tells nothing of other accounts' datasets of that name).
    expect(slug).toMatch(/^field-notes-[a-z0-9]{6}$/);

    // What the owner's browser has on the server: the incidents it imported, by id.
    const ids = async (p: typeof page, url: string) =>
      p.evaluate(async (u) => ((await (await fetch(u)).json()) as { features: { properties: { event_id: string } }[] }).features.map((f) => f.properties.event_id), url);
    const owned = await ids(page, `/api/incidents?dataset=${slug}`);
    expect(owned).toHaveLength(imported);

    // A second browser, no account: the link opens the dataset on the map, with the same incidents.
    const b = await browser.newContext();
    const other = await b.newPage();
    await other.route(/tile\.openstreetmap\.org/, (r) => r.abort("internetdisconnected"));
    await other.goto(link);
    const header = other.locator("header");
    await expect.poll(() => header.textContent(), { timeout: 30_000 }).toContain(`${imported} of ${imported} incidents shown`);
    expect(await header.getByRole("heading", { level: 1 }).textContent()).toBe("Field notes");
    expect(await ids(other, `/api/incidents?dataset=${slug}&key=${key}`)).toEqual(owned);
    // Without the key, or once it is revoked, the same link opens nothing.
    expect((await api("GET", `/api/incidents?dataset=${slug}`)).status).toBe(404);
    expect((await api("DELETE", `/api/datasets/${slug}/links`, { cookie: await signIn("amira") })).json).toEqual({ revoked: 1 });
    expect((await api("GET", `/api/incidents?dataset=${slug}&key=${key}`)).status).toBe(404);
    await a.close();
    await b.close();
  });
});
