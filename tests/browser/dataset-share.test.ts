// Sharing datasets as a researcher does: export every incident of the open datasets (not only those in
// view), each saying its dataset, as GeoJSON and CSV; a saved dataset's link opened in a fresh browser; a
// layer imported while signed out saved after signing in and then shown once; a link to an incident only
// another browser holds; the per-dataset summary and a filter; a saved dataset's stored description (its
// default view, reference point and context layer) followed by a colleague's fresh browser.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { launch, mapReady, open } from "./harness";
import { importOneClick, keptInBrowser } from "./import-helpers";
import { openDb } from "@/lib/db/open";
import { createDataset } from "@/lib/db/datasets";
import { saveIncidents } from "@/lib/db/incidents";
import { setStoredDescription } from "@/lib/db/dataset-descriptions";
import { readStoredDescription } from "@/lib/dataset/stored-description";
import { createAccount } from "@/lib/auth/accounts";
import { hashPassword } from "@/lib/auth/password";
import { importFile } from "@/lib/import";
import { applyFilter } from "@/lib/incident/filter";
import type { IncidentCollection } from "@/lib/incident/model";
import { incident } from "../support/incidents";

const daraa = JSON.parse(readFileSync("geodata/incidents.geojson", "utf8")) as IncidentCollection;
// A link key as lib/auth makes them: 18 bytes in base64url.
const KEY = "Sh4reTheDatasetLinkKey01";
const EDITOR = "share-editor";
const PASSWORD = "a long enough password";
// Zoomed in on Daraa al-Balad: most of the governorate's incidents are out of view.
const CLOSE = "/?map=14/32.61222/36.10083";

// A saved dataset around Kharkiv whose owner set its default view (wider than its incidents), its reference
// point and a context layer of an area, a road and a place.
const FRAMED_VIEW = [35.5, 49.5, 37, 50.5];
const FRAMED_DESCRIPTION = {
  reference: { name: "Freedom Square", coordinates: [36.2283, 50.0054] },
  defaultView: FRAMED_VIEW,
  contextLayers: [
    {
      name: "Kharkiv city",
      data: {
        type: "FeatureCollection",
        features: [
          { type: "Feature", properties: { name: "City" }, geometry: { type: "Polygon", coordinates: [[[36.1, 49.9], [36.4, 49.9], [36.4, 50.1], [36.1, 50.1], [36.1, 49.9]]] } },
          { type: "Feature", properties: { name: "Ring road" }, geometry: { type: "LineString", coordinates: [[36.0, 49.85], [36.5, 50.15]] } },
          { type: "Feature", properties: { name: "Station" }, geometry: { type: "Point", coordinates: [36.2, 49.99] } },
        ],
      },
    },
  ],
};

/** A small file of incidents of its own, spread over southern Syria. */
function localFile(prefix: string) {
  const features = [
    incident({ event_id: `${prefix}-1`, fatalities: 2, notes: `${prefix} one` }, [36.5, 32.9]),
    incident({ event_id: `${prefix}-2`, fatalities: 0, notes: `${prefix} two` }, [35.9, 33.2]),
    incident({ event_id: `${prefix}-3`, fatalities: 5, notes: `${prefix} three` }, [36.3, 32.5]),
  ];
  return { type: "FeatureCollection", features };
}

let browser: Browser;
beforeAll(async () => {
  const db = await openDb({ url: inject("databaseURL") });
  try {
    if (!(await db.query("SELECT 1 FROM datasets WHERE slug = 'share-notes'")).rows.length) {
      const d = await createDataset(db, { slug: "share-notes", name: "Share notes", visibility: "link" });
      await saveIncidents(db, d.id, [
        incident({ event_id: "SN-1", location: "Tafas", notes: "First shared note", fatalities: 1 }, [35.99, 32.74]),
        incident({ event_id: "SN-2", location: "Jasim", notes: "Second shared note", fatalities: 3 }, [36.06, 32.99]),
        incident({ event_id: "SN-3", location: "Nawa", notes: "Third shared note", fatalities: 0 }, [36.04, 32.89]),
      ]);
      await db.query("INSERT INTO dataset_links (token_hash, dataset_id) VALUES ($1, $2)", [createHash("sha256").update(KEY).digest(), d.id]);
    }
    if (!(await db.query("SELECT 1 FROM datasets WHERE slug = 'share-framed'")).rows.length) {
      const d = await createDataset(db, { slug: "share-framed", name: "Kharkiv notes", visibility: "public" });
      await saveIncidents(db, d.id, [
        incident({ event_id: "KH-1", location: "Kharkiv", notes: "Kharkiv one" }, [36.23, 49.99]),
        incident({ event_id: "KH-2", location: "Kharkiv", notes: "Kharkiv two" }, [36.3, 50.02]),
        incident({ event_id: "KH-3", location: "Kharkiv", notes: "Kharkiv three" }, [36.2, 49.96]),
      ]);
      await setStoredDescription(db, d.id, readStoredDescription(FRAMED_DESCRIPTION));
    }
    if (!(await db.query("SELECT 1 FROM accounts WHERE name = $1", [EDITOR])).rows.length) {
      await createAccount(db, { name: EDITOR, role: "editor", passwordHash: await hashPassword(PASSWORD) });
    }
    if (!(await db.query("SELECT 1 FROM datasets WHERE slug = 'share-owned'")).rows.length) {
      const owner = (await db.query<{ id: number }>("SELECT id FROM accounts WHERE name = $1", [EDITOR])).rows[0].id;
      const d = await createDataset(db, { slug: "share-owned", name: "Owned notes", visibility: "private", ownerId: owner });
      await saveIncidents(db, d.id, [incident({ event_id: "OW-1", notes: "Owned one" }, [36.0, 32.7]), incident({ event_id: "OW-2", notes: "Owned two" }, [36.2, 32.8])]);
    }
  } finally {
    await db.close();
  }
  browser = await launch();
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

const header = (page: Page) => page.locator("header");
const shown = async (page: Page) => Number(await page.getByTestId("shown-count").innerText());
const total = async (page: Page) => Number(/of (\d+) incidents/.exec(await header(page).innerText())?.[1] ?? NaN);

async function download(page: Page, button: "Export GeoJSON" | "Export CSV") {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

describe("export", () => {
  it('"all of the open datasets" gives every incident the filters keep, in view or not, each with its dataset, as GeoJSON and CSV', async () => {
    const { context, page, errors } = await open(browser, `${CLOSE}&fatal=some`);
    await mapReady(page);
    await importOneClick(page, "share-local.geojson", JSON.stringify(localFile("SH")), "application/geo+json");
    await expect.poll(() => total(page)).toBe(daraa.features.length + 3);
    const daraaName = (await (await page.request.get(`${new URL(page.url()).origin}/api/datasets/daraa-2021`)).json()).dataset.name as string;
    const expected = [
      ...applyFilter(daraa.features, (f) => ({ properties: f.properties, anchor: null }), { fatalities: "some" }).map((f) => f.properties.event_id),
      "SH-1",
      "SH-3",
    ].sort();
    // The import framed the map on its file; back to the close view, some of them are out of view: "what is
    // in view" would not hold them all.
    await page.getByRole("button", { name: "Back to the previous view" }).click();
    await expect.poll(() => shown(page)).toBeLessThan(expected.length);

    await page.getByRole("radio", { name: /All of the open datasets/ }).check();
    const geojson = await download(page, "Export GeoJSON");
    expect(geojson.name).toMatch(/^[a-z0-9_-]+-\d{4}-\d{2}-\d{2}\.geojson$/);
    expect(geojson.name).toContain("share-local");
    const json = JSON.parse(geojson.bytes.toString("utf8")) as IncidentCollection & { name: string; filters: Record<string, unknown> };
    expect(json.name).toBe(`${daraaName} + share-local.geojson`);
    expect(json.filters).toEqual({ fatalities: "some", layers: expect.any(Array) });
    expect(json.features.map((f) => f.properties.event_id).sort()).toEqual(expected);
    for (const f of json.features) {
      const local = f.properties.event_id.startsWith("SH-");
      expect([f.properties.event_id, f.properties.dataset, f.properties.dataset_name]).toEqual([
        f.properties.event_id,
        local ? null : "daraa-2021",
        local ? "share-local.geojson" : daraaName,
      ]);
    }

    const csv = await download(page, "Export CSV");
    expect(csv.name).toMatch(/^[a-z0-9_-]+-\d{4}-\d{2}-\d{2}\.csv$/);
    const back = await importFile(new Uint8Array(csv.bytes), "again.csv", { idPrefix: "RT" });
    expect(back.report.rejected).toEqual([]);
    expect(back.collection.features.map((f) => f.properties.event_id).sort()).toEqual(expected);
    for (const f of back.collection.features) {
      expect(f.properties.dataset_name).toBe(f.properties.event_id.startsWith("SH-") ? "share-local.geojson" : daraaName);
    }

    // "What is in view" is still exactly the incidents shown.
    await page.getByRole("radio", { name: /What is in view/ }).check();
    const inView = JSON.parse((await download(page, "Export GeoJSON")).bytes.toString("utf8")) as IncidentCollection;
    expect(inView.features.length).toBe(await shown(page));
    expect(errors).toEqual([]);
    await page.getByRole("button", { name: "Remove share-local.geojson" }).click();
    await context.close();
  }, 120_000);
});

describe("links", () => {
  it("a saved dataset's link, with its filter and selection, opens the same in a fresh browser context", async () => {
    const first = await open(browser, `/?dataset=share-notes&key=${KEY}&fatal=some&incident=SN-2`);
    const details = first.page.getByRole("region", { name: "Incident details" });
    await expect.poll(() => details.textContent(), { timeout: 30_000 }).toContain("Second shared note");
    await expect.poll(() => header(first.page).textContent()).toContain("of 3 incidents shown");
    const link = first.page.url();
    expect(link).toContain("dataset=share-notes");
    expect(link).toContain(`key=${KEY}`);
    await first.context.close();

    const { context, page } = await open(browser, link.slice(link.indexOf("/?")));
    const again = page.getByRole("region", { name: "Incident details" });
    await expect.poll(() => again.textContent(), { timeout: 30_000 }).toContain("Second shared note");
    await expect.poll(() => header(page).textContent()).toContain("of 3 incidents shown");
    expect(await header(page).getByRole("heading", { level: 1 }).textContent()).toContain("Share notes");
    // The filter came along: SN-3 has no fatalities.
    await expect.poll(() => page.getByRole("region", { name: "Summary of Share notes" }).getByTestId("summary-incidents").textContent()).toBe("2 of 3");
    expect(page.url()).toContain("fatal=some");
    await context.close();
  }, 90_000);

  it("a saved dataset's bare link, opened by a colleague, is framed on that dataset, not on Daraa or the world", async () => {
    const { context, page, errors } = await open(browser, `/?dataset=share-notes&key=${KEY}`);
    await expect.poll(() => header(page).textContent(), { timeout: 30_000 }).toContain("of 3 incidents shown");
    const box = async () => (await page.locator(".leaflet-container").getAttribute("data-bbox"))?.split(",").map(Number) ?? null;
    // SN-1..3 lie between 35.99 and 36.06 east, 32.74 and 32.99 north: the map holds them, closely.
    await expect.poll(async () => {
      const b = await box();
      return b !== null && b[0] <= 35.99 && b[1] <= 32.74 && b[2] >= 36.06 && b[3] >= 32.99 && b[2] - b[0] < 2;
    }).toBe(true);
    expect(await page.title()).toContain("Share notes");
    await page.screenshot({ path: "tests/screenshots/shared-link.png" });
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it("a saved dataset's stored description, in a fresh browser: opens on its default view, with its context layer and its reference point", async () => {
    const { context, page, errors } = await open(browser, "/?dataset=share-framed");
    await expect.poll(() => header(page).textContent(), { timeout: 30_000 }).toContain("of 3 incidents shown");
    const box = async () => (await page.locator(".leaflet-container").getAttribute("data-bbox"))?.split(",").map(Number) ?? null;
    // The owner's view, not the incidents' own extent (36.2–36.3 E, 49.96–50.02 N), nor Daraa's.
    await expect.poll(async () => {
      const b = await box();
      return b !== null && b[0] <= FRAMED_VIEW[0] + 0.01 && b[1] <= FRAMED_VIEW[1] + 0.01 && b[2] >= FRAMED_VIEW[2] - 0.01 && b[3] >= FRAMED_VIEW[3] - 0.01 && b[2] - b[0] < 4;
    }).toBe(true);
    // The context layer: its switch, and its area, road and place drawn.
    await page.getByRole("checkbox", { name: "Kharkiv city", exact: true }).waitFor();
    await expect.poll(() => page.locator("path.context-area").count()).toBe(3);
    expect(await page.getByRole("checkbox", { name: "Checkpoints", exact: true }).count()).toBe(0);
    // Its reference point: distances are measured from it.
    await expect.poll(() => page.locator(".list table thead").innerText()).toMatch(/km/);
    await page.locator(".list__place").first().click();
    await expect.poll(() => page.getByRole("region", { name: "Incident details" }).innerText()).toMatch(/km from Freedom Square/);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it("a link to an incident of a file imported in another browser says so; in the browser that imported it, it opens", async () => {
    const mine = await open(browser, "/");
    await mapReady(mine.page);
    await importOneClick(mine.page, "elsewhere.geojson", JSON.stringify(localFile("EL")), "application/geo+json");
    await keptInBrowser(mine.page);
    await mine.page.goto(`${new URL(mine.page.url()).origin}/?incident=EL-2`);
    const details = mine.page.getByRole("region", { name: "Incident details" });
    await expect.poll(() => details.textContent(), { timeout: 30_000 }).toContain("EL two");
    expect(await mine.page.getByTestId("missing-incident").count()).toBe(0);

    const other = await open(browser, "/?incident=EL-2");
    await mapReady(other.page);
    await expect.poll(() => other.page.getByTestId("missing-incident").textContent(), { timeout: 30_000 }).toMatch(/“EL-2”.*imported in another browser/);
    expect(other.page.url()).not.toContain("incident=");
    await other.context.close();
    await mine.page.getByRole("button", { name: "Remove elsewhere.geojson" }).click();
    await mine.context.close();
  }, 90_000);
});

describe("saving a local layer", () => {
  it("a layer imported while signed out is saved from the layer list after signing in, and then shown once", async () => {
    const { context, page, errors } = await open(browser, "/");
    await mapReady(page);
    const base = daraa.features.length;
    const report = await importOneClick(page, "before-sign-in.geojson", JSON.stringify(localFile("BS")), "application/geo+json");
    expect(report).toContain("Sign in as an editor to save it to the server.");
    await page.getByRole("button", { name: "Dismiss report" }).click();
    await expect.poll(() => total(page)).toBe(base + 3);

    await page.getByRole("button", { name: "Sign in" }).click();
    const signIn = page.getByRole("form", { name: "Sign in" });
    await signIn.getByLabel("Name").fill(EDITOR);
    await signIn.getByLabel("Password").fill(PASSWORD);
    await signIn.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByTestId("account").innerText()).toMatch(/Signed in as share-editor/);

    await page.getByRole("button", { name: "Save before-sign-in.geojson to the server…" }).click();
    const form = page.getByRole("form", { name: "Save before-sign-in.geojson to the server" });
    await form.getByLabel("Name").fill("Before sign-in");
    await form.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved to the server").waitFor();

    // The saved dataset is open, the local layer gone: its incidents count once.
    const layers = page.getByTestId("dataset-layers");
    await expect.poll(() => layers.textContent(), { timeout: 30_000 }).toContain("Before sign-in (3)");
    await expect.poll(() => total(page)).toBe(base + 3);
    expect(await page.getByRole("checkbox", { name: /before-sign-in\.geojson/ }).count()).toBe(0);
    const slug = /dataset=daraa-2021,(before-sign-in-[a-z0-9]+)/.exec(page.url())?.[1];
    expect(slug, page.url()).toBeDefined();

    // And after a reload, from the link alone: once.
    await page.reload();
    await expect.poll(() => page.getByTestId("dataset-layers").textContent(), { timeout: 30_000 }).toContain("Before sign-in (3)");
    await expect.poll(() => total(page)).toBe(base + 3);
    expect(await page.getByRole("checkbox", { name: /before-sign-in\.geojson/ }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

describe("what a saved dataset opens with", () => {
  it("its owner makes the current view its default view and an imported area its context layer, then clears them", async () => {
    const { context, page, errors } = await open(browser, "/");
    await mapReady(page);
    await page.getByRole("button", { name: "Sign in" }).click();
    const signIn = page.getByRole("form", { name: "Sign in" });
    await signIn.getByLabel("Name").fill(EDITOR);
    await signIn.getByLabel("Password").fill(PASSWORD);
    await signIn.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByTestId("account").innerText()).toMatch(/Signed in as share-editor/);
    await page.goto(`${new URL(page.url()).origin}/?dataset=share-owned`);
    await expect.poll(() => header(page).textContent(), { timeout: 30_000 }).toContain("of 2 incidents shown");
    const area = incident({ event_id: "AR-1", location: "Study district" }, { type: "Polygon", coordinates: [[[35.9, 32.6], [36.3, 32.6], [36.3, 32.9], [35.9, 32.9], [35.9, 32.6]]] });
    await importOneClick(page, "district.geojson", JSON.stringify({ type: "FeatureCollection", features: [area] }), "application/geo+json");
    await page.getByRole("button", { name: "Dismiss report" }).click();
    expect(await page.locator("path.context-area").count()).toBe(0);

    await page.getByRole("button", { name: "What Owned notes opens with" }).click();
    const panel = page.getByTestId("dataset-description");
    await panel.getByText(/Opens on: its incidents/).waitFor();
    await panel.getByRole("button", { name: "Add as context layer" }).click();
    await panel.getByText("district.geojson is a context layer.").waitFor();
    // The page reads the description again: the area is drawn as the dataset's context.
    await expect.poll(() => page.locator("path.context-area").count()).toBe(1);

    const view = (await page.locator(".leaflet-container").getAttribute("data-bbox"))!.split(",").map(Number);
    await panel.getByRole("button", { name: "Use the current view as the default view" }).click();
    await panel.getByText("The current view is its default view.").waitFor();
    const stored = (await (await page.request.get(`${new URL(page.url()).origin}/api/datasets/share-owned/description`)).json()) as { defaultView: number[]; contextLayers: { name: string }[] };
    // data-bbox holds 4 decimals.
    expect(stored.defaultView.map((x, i) => Math.abs(x - view[i]) < 1e-3), `${stored.defaultView} against ${view}`).toEqual([true, true, true, true]);
    expect(stored.contextLayers.map((l) => l.name)).toEqual(["district.geojson"]);

    await panel.getByRole("button", { name: "Clear" }).click();
    await panel.getByText(/^Cleared/).waitFor();
    await expect.poll(() => page.locator("path.context-area").count()).toBe(0);
    await page.getByRole("button", { name: "Remove district.geojson" }).click();
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});

describe("summary", () => {
  it("says each open dataset's numbers, and follows a filter", async () => {
    // Tall enough for the whole summary in its panel, for the screenshot.
    const { context, page } = await open(browser, "/", { viewport: { width: 1280, height: 1800 } });
    await mapReady(page);
    const summary = page.getByRole("region", { name: /^Summary of / }).first();
    const read = async (id: string) => Number((await summary.getByTestId(id).innerText()).replace(/,/g, "").split(" ")[0]);
    const all = daraa.features.map((f) => f.properties);
    const dated = all.filter((p) => p.event_date !== null);
    const days = dated.map((p) => p.event_date!).sort();
    const ends = dated.map((p) => p.event_date_end ?? p.event_date!).sort();
    await expect.poll(() => read("summary-incidents"), { timeout: 30_000 }).toBe(all.length);
    expect(await read("summary-fatalities")).toBe(all.reduce((n, p) => n + p.fatalities, 0));
    expect(await read("summary-undated")).toBe(all.length - dated.length);
    expect(await read("summary-region-only")).toBe(all.filter((p) => p.geo_precision === 3).length);
    expect(await summary.getByTestId("summary-dates").innerText()).toBe(`${days[0]} to ${ends[ends.length - 1]}`);
    await page.getByRole("region", { name: "Summary", exact: true }).screenshot({ path: "tests/screenshots/summary.png" });

    const battles = all.filter((p) => p.event_type === "Battles");
    await page.getByRole("checkbox", { name: /^Battles/ }).check();
    await expect.poll(() => read("summary-incidents")).toBe(battles.length);
    expect(await summary.getByTestId("summary-incidents").innerText()).toBe(`${battles.length} of ${all.length}`);
    expect(await read("summary-fatalities")).toBe(battles.reduce((n, p) => n + p.fatalities, 0));
    expect(await summary.innerText()).toContain(`Battles: ${battles.length}`);
    expect(await summary.innerText()).not.toContain("Riots:");
    await context.close();
  }, 60_000);
});
