// Debian's Chromium driven by playwright-core (never a downloaded browser), with the flags this
// machine needs, and helpers that act as a user would.
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, inject, onTestFailed } from "vitest";
import { CHROMIUM_ARGS } from "./harness-args";

export { CHROMIUM_ARGS };

export const TILE_HOST = /tile\.openstreetmap\.org/;

export function baseURL(): string {
  return inject("baseURL");
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** One Chromium for a test file: launched before its tests, closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

export interface OpenOptions {
  /** What OpenStreetMap's tile server does: "unreachable" (default here, as offline), or a PNG to serve. */
  tiles?: "unreachable" | Buffer;
  viewport?: { width: number; height: number };
  /** A phone: touch events and a mobile viewport (meta viewport honoured). */
  touch?: boolean;
}

/** What a test may do with the context open() gave it. */
export interface TestContext {
  newPage(): Promise<Page>;
  grantPermissions(permissions: string[]): Promise<void>;
  /** Closes the test's pages (and its context, when it had one of its own). */
  close(): Promise<void>;
}

// One context per browser and kind of device, reused by a file's tests: its pages share the HTTP and script
// caches, so the app's code loads and compiles once per file, not once per test (a fresh context's page
// took about 1.7 times as long to its first marker). Its cookies, storage and permissions are cleared
// before each page, so every test starts as a fresh browser does.
const sharedContexts = new WeakMap<Browser, Map<boolean, BrowserContext>>();

async function newContext(browser: Browser, touch: boolean): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, hasTouch: touch, isMobile: touch });
}

/**
 * The file's shared context, emptied of what an earlier test left, or a context of the test's own while
 * the shared one still has a page open (two browsers at once in one test, or a failed test's leftovers).
 */
async function contextFor(browser: Browser, touch: boolean): Promise<{ context: BrowserContext; shared: boolean }> {
  let byDevice = sharedContexts.get(browser);
  if (!byDevice) sharedContexts.set(browser, (byDevice = new Map()));
  let context = byDevice.get(touch);
  if (context && context.pages().length > 0) return { context: await newContext(browser, touch), shared: false };
  if (!context) {
    context = await newContext(browser, touch);
    byDevice.set(touch, context);
    context.once("close", () => byDevice.delete(touch));
  }
  await context.clearCookies();
  await context.clearPermissions();
  return { context, shared: true };
}

// A CDP call has no timeout of its own: one that never answers fails the test with its name, not as the test's timeout.
const CLEAR_STORAGE_MS = 20_000;

/** Removes the origin's storage (not its HTTP cache) from the context the page is in, before it navigates there. */
async function clearStorage(page: Page, origin: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Storage.clearDataForOrigin(${origin}) did not answer in ${CLEAR_STORAGE_MS} ms`)), CLEAR_STORAGE_MS);
  });
  try {
    await Promise.race([cdp.send("Storage.clearDataForOrigin", { origin, storageTypes: "cookies,indexeddb,local_storage,service_workers,cache_storage,file_systems,websql" }), late]);
  } finally {
    clearTimeout(timer);
    await cdp.detach().catch(() => undefined);
  }
}

const LOG_KEPT = 60;

/** When the test fails (a timeout included), prints what the page showed and said, so a hang names where it was. */
function reportOnFailure(page: Page, errors: string[]): void {
  const log: string[] = [];
  const started = Date.now();
  const keep = (line: string) => {
    log.push(`${((Date.now() - started) / 1000).toFixed(1)}s ${line.slice(0, 300)}`);
    if (log.length > LOG_KEPT) log.shift();
  };
  // The offline tiles' failures are expected: left out, so the page's own messages stay in view.
  const offline = (text: string) => text.includes("net::ERR_INTERNET_DISCONNECTED");
  page.on("console", (m) => !offline(m.text()) && keep(`console.${m.type()}: ${m.text()}`));
  page.on("worker", (w) => w.on("console", (m) => keep(`worker console.${m.type()}: ${m.text()}`)));
  page.on("requestfailed", (r) => !TILE_HOST.test(r.url()) && keep(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("response", (r) => r.status() >= 400 && keep(`response ${r.status()}: ${r.request().method()} ${r.url()}`));
  onTestFailed(async () => {
    const state = page.isClosed()
      ? "the page was closed"
      : await Promise.race([
          page
            .evaluate(() => {
              const text = (sel: string) => [...document.querySelectorAll<HTMLElement>(sel)].map((el) => el.innerText.replace(/\s+/g, " ").slice(0, 400));
              const picker = document.querySelector<HTMLInputElement>("input[type=file]");
              return JSON.stringify({
                url: location.href,
                picker: picker ? { disabled: picker.disabled } : null,
                dialogs: text("dialog[open]"),
                status: text("[role=status]"),
                alerts: text("[role=alert], .error"),
                report: text("[data-testid=import-report]"),
                markers: document.querySelectorAll(".leaflet-marker-pane > *").length,
              });
            })
            .catch((err: unknown) => `the page could not be read: ${String(err)}`),
          new Promise<string>((resolve) => setTimeout(() => resolve("the page did not answer in 5 s"), 5_000)),
        ]);
    console.error(["the failed test's page:", state, `page errors: ${JSON.stringify(errors)}`, "its last messages:", ...log].join("\n  "));
  });
}

/** A page at `path` as in a fresh browser (no cookies, storage or permissions), with tile requests answered as asked. */
export async function open(browser: Browser, path = "/", opts: OpenOptions = {}): Promise<{ context: TestContext; page: Page; errors: string[] }> {
  const { context, shared } = await contextFor(browser, opts.touch ?? false);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  reportOnFailure(page, errors);
  if (shared) await clearStorage(page, new URL(baseURL()).origin);
  if (opts.viewport) await page.setViewportSize(opts.viewport);
  const tiles = opts.tiles ?? "unreachable";
  await page.route(TILE_HOST, (route) =>
    tiles === "unreachable" ? route.abort("internetdisconnected") : route.fulfill({ status: 200, contentType: "image/png", body: tiles }),
  );
  await page.goto(baseURL() + path);
  const close = async () => {
    if (!shared) return context.close();
    await Promise.all(context.pages().map((p) => p.close()));
  };
  return { context: { newPage: () => context.newPage(), grantPermissions: (p) => context.grantPermissions(p), close }, page, errors };
}

export const MARKER = ".leaflet-marker-pane .incident-marker";
export const CLUSTER = ".leaflet-marker-pane .cluster-marker";

export interface OnScreen {
  /** event_ids of single markers whose centre is inside the map's box. */
  singles: string[];
  /** Counts of the clusters whose centre is inside the map's box. */
  clusters: number[];
}

/** What the map draws inside its box: single incident markers and clusters. */
export async function onScreen(page: Page): Promise<OnScreen> {
  return page.evaluate(
    ([markerSel, clusterSel]) => {
      const map = document.querySelector(".leaflet-container")!.getBoundingClientRect();
      const inside = (el: Element) => {
        const r = el.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        return x >= map.left && x <= map.right && y >= map.top && y <= map.bottom;
      };
      return {
        singles: [...document.querySelectorAll<HTMLElement>(markerSel)].filter(inside).map((el) => el.dataset.eventId!).sort(),
        clusters: [...document.querySelectorAll<HTMLElement>(clusterSel)].filter(inside).map((el) => Number(el.dataset.count)),
      };
    },
    [MARKER, CLUSTER],
  );
}

/** Waits until the map has drawn its incident markers or clusters. */
export async function mapReady(page: Page): Promise<void> {
  await page.locator(`${MARKER}, ${CLUSTER}`).first().waitFor();
}

/** Opens the first stack of co-located incidents on screen, as a user clicking it. */
export async function openStack(page: Page): Promise<void> {
  await page.locator(`${CLUSTER}.cluster-marker--stack`).first().click();
  await page.locator(MARKER).first().waitFor();
}

/** The map's view as the URL says it: { zoom, lat, lng }. */
export function urlView(page: Page): { zoom: number; lat: number; lng: number } | null {
  const m = /[?&]map=([\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)/.exec(page.url());
  return m ? { zoom: Number(m[1]), lat: Number(m[2]), lng: Number(m[3]) } : null;
}
