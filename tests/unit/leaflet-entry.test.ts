// The page's Leaflet (components/map/leaflet/, built from Leaflet's own modules) against Leaflet's full build
// (dist/leaflet-src.js, what `leaflet` gives everywhere else): the same classes with the same methods, options,
// statics and init hooks, less only the modules listed here, and every name the app and react-leaflet use.
// Leaflet's modules register parts of themselves by side effect (Map.addInitHook, Layer.include, the statics
// its index files set), so a module left out by mistake shows up here, not in the type-check or the build.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { runInNewContext } from "node:vm";
import { buildSync } from "esbuild";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "../..");
const SRC = join(ROOT, "node_modules/leaflet/src");
const ENTRY = join(ROOT, "components/map/leaflet/index.js");

// Leaflet's source files the page leaves out: nothing the app or the parts of react-leaflet it uses needs.
// Leaflet.js and the folders' index.js are replaced by the entry itself.
const LEFT_OUT_FILES = [
  "control/Control.Layers.js",
  "geo/crs/CRS.EPSG3395.js",
  "geo/crs/CRS.EPSG4326.js",
  "geo/crs/CRS.Simple.js",
  "geo/projection/Projection.LonLat.js",
  "geo/projection/Projection.Mercator.js",
  "layer/ImageOverlay.js",
  "layer/SVGOverlay.js",
  "layer/VideoOverlay.js",
  "layer/tile/TileLayer.WMS.js",
  "layer/vector/Canvas.js",
  "layer/vector/Rectangle.js",
  // Replaced by components/map/leaflet/svg-renderer.js, which does not import Canvas.
  "layer/vector/Renderer.getRenderer.js",
];
// What those files export, the version (read from package.json) and noConflict (for the UMD global `L`).
const LEFT_OUT_NAMES = [
  "Canvas", "canvas", "ImageOverlay", "imageOverlay", "Projection", "Rectangle", "rectangle", "SVGOverlay", "svgOverlay",
  "VideoOverlay", "videoOverlay", "noConflict", "version",
];
// react-leaflet's components for those, which the app must not use: the build would fail on their imports.
const LEFT_OUT_USERS = ["ImageOverlay", "LayersControl", "Rectangle", "SVGOverlay", "VideoOverlay", "WMSTileLayer"];
const LEFT_OUT_STATICS = ["Control.Layers", "control.layers", "CRS.EPSG3395", "CRS.EPSG4326", "CRS.Simple", "TileLayer.WMS", "tileLayer.wms"];
// Leaflet 1.9.4's Renderer.getRenderer.js, which svg-renderer.js copies: when an upgrade changes it, compare.
const GET_RENDERER_SHA256 = "160962c2fe862c97d4fb0bc462a2c8338821c6d2d9bf36dff0ec01d0d1a92796";

type Lib = Record<string, unknown>;

/** A stand-in for window, document and navigator: anything read from it is itself, anything asked of it is absent. */
function anything(): unknown {
  const self: unknown = new Proxy(function () {}, {
    get: (_t, key) => (key === Symbol.toPrimitive ? () => "" : self),
    set: () => true,
    has: () => false,
    apply: () => self,
    construct: () => self as object,
  });
  return self;
}

/** A script run as a browser would, with `name` set globally by it. */
function evaluate(code: string, name: string): Lib {
  const stub = anything();
  const context: Lib = { window: stub, document: stub, navigator: stub, self: stub, console };
  runInNewContext(code, context);
  return context[name] as Lib;
}

const bundle = buildSync({ entryPoints: [ENTRY], absWorkingDir: ROOT, bundle: true, write: false, format: "iife", globalName: "leafletEntry", metafile: true, logLevel: "silent" });
const slim = evaluate(bundle.outputFiles[0].text, "leafletEntry");
const full = evaluate(readFileSync(join(ROOT, "node_modules/leaflet/dist/leaflet-src.js"), "utf8"), "leaflet");
const names = (lib: Lib) => Object.keys(lib).filter((k) => k !== "default" && k !== "__esModule").sort();

const isClass = (v: unknown): v is { prototype: Lib } & Lib => typeof v === "function" && typeof (v as { prototype?: unknown }).prototype === "object";
/** Every enumerable key on a class's prototype chain (Leaflet's methods), and its options'. */
function shape(cls: { prototype: Lib }) {
  const keys: string[] = [];
  for (const k in cls.prototype) keys.push(k);
  const options: string[] = [];
  for (const k in (cls.prototype.options ?? {}) as Lib) options.push(k);
  return { methods: keys.sort(), options: options.sort() };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith(".js"))
    .map((d) => relative(dir, join(d.parentPath, d.name)));
}

describe("the page's Leaflet", () => {
  it("is Leaflet's source less the files listed as left out (an upgrade that adds, removes or renames one fails here)", () => {
    const bundled = Object.keys(bundle.metafile.inputs)
      .map((p) => join(ROOT, p))
      .filter((p) => p.startsWith(SRC + "/"))
      .map((p) => relative(SRC, p));
    const expected = filesUnder(SRC).filter((f) => f !== "Leaflet.js" && !f.endsWith("index.js") && !LEFT_OUT_FILES.includes(f));
    expect(bundled.sort()).toEqual(expected.sort());
  });

  it("exports the full build's names less those of the files left out, each of the same kind", () => {
    for (const name of names(slim)) expect(typeof slim[name], name).toBe(typeof full[name]);
    expect(names(full).filter((n) => !(n in slim))).toEqual([...LEFT_OUT_NAMES].sort());
    expect(names(slim), "the default export holds the same names").toEqual(names(slim.default as Lib));
  });

  it("has every class as the full build has it: methods (Popup's and Tooltip's on Layer and Map), options (each handler's), statics", () => {
    for (const name of names(slim).filter((n) => isClass(slim[n]))) {
      const s = slim[name] as { prototype: Lib } & Lib;
      const f = full[name] as { prototype: Lib } & Lib;
      expect(shape(s), name).toEqual(shape(f));
      const statics = Object.keys(f).filter((k) => !LEFT_OUT_STATICS.includes(`${name}.${k}`));
      expect(Object.keys(s).sort(), `${name}'s statics`).toEqual(statics.sort());
    }
    // Map's init hooks: the zoom and attribution controls and the default handlers.
    expect((slim.Map as { prototype: { _initHooks: unknown[] } }).prototype._initHooks.length).toBe((full.Map as { prototype: { _initHooks: unknown[] } }).prototype._initHooks.length);
    for (const ns of ["Util", "DomUtil", "DomEvent", "LineUtil", "PolyUtil", "Browser", "Mixin", "control"]) {
      const statics = Object.keys(full[ns] as Lib).filter((k) => !LEFT_OUT_STATICS.includes(`${ns}.${k}`));
      expect(Object.keys(slim[ns] as Lib).sort(), ns).toEqual(statics.sort());
    }
  });

  it("draws paths with Leaflet's SVG renderer: svg-renderer.js is Leaflet's Renderer.getRenderer.js less Canvas", () => {
    const theirs = readFileSync(join(SRC, "layer/vector/Renderer.getRenderer.js"));
    expect(createHash("sha256").update(theirs).digest("hex"), "Leaflet's Renderer.getRenderer.js changed: update svg-renderer.js from it").toBe(GET_RENDERER_SHA256);
    const map = (slim.Map as { prototype: Lib }).prototype;
    for (const method of ["getRenderer", "_getPaneRenderer", "_createRenderer"]) expect(typeof map[method], method).toBe("function");
  });

  it("has every name the app reads from `L` and react-leaflet imports from leaflet", () => {
    const sources = ["components", "app", "lib"].flatMap((dir) =>
      readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile() && /\.tsx?$/.test(d.name))
        .map((d) => readFileSync(join(d.parentPath, d.name), "utf8")),
    );
    const app = sources.filter((text) => /^import L from "leaflet";$/m.test(text));
    expect(app.length).toBeGreaterThan(5);
    const read = new Set(app.flatMap((text) => [...text.matchAll(/\bL\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1])));
    // Type names (L.PathOptions) are not in the full build either.
    const values = [...read].filter((n) => n in full);
    expect(values.length).toBeGreaterThan(10);
    expect(values.filter((n) => !(n in slim))).toEqual([]);
    const components = sources.flatMap((text) => [...text.matchAll(/import \{([^}]*)\} from "react-leaflet"/g)].flatMap((m) => m[1].split(",").map((s) => s.trim())));
    expect(components).toContain("MapContainer");
    expect(components.filter((c) => LEFT_OUT_USERS.includes(c))).toEqual([]);

    const lib = (pkg: string) => join(ROOT, "node_modules", pkg, "lib");
    const files = [...readdirSync(lib("react-leaflet")).map((f) => join(lib("react-leaflet"), f)), ...readdirSync(lib("@react-leaflet/core")).map((f) => join(lib("@react-leaflet/core"), f))];
    const used = files.filter((f) => f.endsWith(".js") && !LEFT_OUT_USERS.some((u) => f.endsWith(`/react-leaflet/lib/${u}.js`)));
    const missing: string[] = [];
    for (const file of used) {
      const text = readFileSync(file, "utf8");
      for (const [, list] of text.matchAll(/import \{([^}]*)\} from 'leaflet'/g)) {
        for (const spec of list.split(",").map((s) => s.trim()).filter((s) => s && !s.startsWith("type "))) {
          const [name, local = name] = spec.split(/\s+as\s+/);
          if (!(name in slim)) missing.push(`${relative(ROOT, file)}: ${name}`);
          // Statics read from an imported class: `new Control.Scale(…)`.
          for (const [, key] of text.matchAll(new RegExp(`\\b${local}\\.([A-Z]\\w*)`, "g"))) {
            if (key in (full[name] as Lib) && !(key in (slim[name] as Lib))) missing.push(`${relative(ROOT, file)}: ${name}.${key}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
