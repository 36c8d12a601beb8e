// Datasets from the store on the page: a link naming two datasets (one shared "with anyone with the
// link") opens them as two layers in a second browser context, with the linked incident selected; a
// dataset switched off leaves the map; a link without its key opens nothing and says so.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createHash } from "node:crypto";
import type { Browser } from "playwright-core";
import { launch, open } from "./harness";
import { openDb } from "@/lib/db/open";
import { createDataset } from "@/lib/db/datasets";
import { saveIncidents } from "@/lib/db/incidents";
import { incident } from "../support/incidents";

const KEY = "Tk3yForTheBrowserTest-01";
const DARAA_COUNT = 39;

let browser: Browser;
beforeAll(async () => {
  const db = await openDb({ url: inject("databaseURL") });
  try {
    if (!(await db.query("SELECT 1 FROM datasets WHERE slug = 'field-notes'")).rows.length) {
      const d = await createDataset(db, { slug: "field-notes", name: "Field notes", visibility: "link" });
      await saveIncidents(db, d.id, [
        incident({ event_id: "FN-1", location: "Tafas", notes: "First field note" }, [35.99, 32.74]),
        incident({ event_id: "FN-2", location: "Jasim", notes: "Second field note" }, [36.06, 32.99]),
        incident({ event_id: "FN-3", location: "Nawa", notes: "Third field note" }, [36.04, 32.89]),
      ]);
      await db.query("INSERT INTO dataset_links (token_hash, dataset_id) VALUES ($1, $2)", [createHash("sha256").update(KEY).digest(), d.id]);
    }
  } finally {
    await db.close();
  }
  browser = await launch();
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

describe("datasets as layers", () => {
  it("a link with two datasets and a key opens both, with its incident selected; each can be switched off", async () => {
    const { page, context, errors } = await open(browser, `/?dataset=daraa-2021,field-notes&key=${KEY}&incident=FN-2`);
    const layers = page.getByTestId("dataset-layers");
    await expect.poll(() => layers.textContent(), { timeout: 30_000 }).toContain("Field notes (3)");
    expect(await layers.textContent()).toContain(`2021 Daraa offensive: incidents (${DARAA_COUNT})`);
    // The link's datasets only: the default dataset's preload (for links naming none) was never fetched.
    const columns = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name)).filter((u) => u.pathname === "/api/incidents/columns").map((u) => u.search));
    expect(columns.length).toBeGreaterThan(0);
    expect(columns).not.toContain("");
    await expect.poll(() => page.locator("header").textContent()).toContain(`of ${DARAA_COUNT + 3} incidents shown`);
    const details = page.getByRole("region", { name: "Incident details" });
    await expect.poll(() => details.textContent(), { timeout: 15_000 }).toContain("Second field note");
    await layers.getByLabel(/Field notes/).uncheck();
    await expect.poll(() => page.locator("header").textContent()).toContain(`of ${DARAA_COUNT} incidents shown`);
    expect(page.url()).toContain("dataset=daraa-2021,field-notes");
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("without its key the link dataset opens nothing, and the page says why", async () => {
    const { page, context } = await open(browser, "/?dataset=field-notes");
    await expect.poll(() => page.locator("header").textContent(), { timeout: 30_000 }).toContain("no such dataset, or it is not shared with you");
    await context.close();
  }, 60_000);
});
