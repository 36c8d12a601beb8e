// Writes a quirk-preserving extract of one real incident file (tests/fixtures/real/README.md) from its full
// original, which is never committed: `node scripts/real-extract.mjs <original> [out-dir]`.
// CSV records are copied byte for byte (encoding, BOM, CRLF, quoted newlines, a cut-off last record survive);
// GeoJSON keeps a subset of features in the original's layout. Deterministic; not needed at test time.
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

/** What each original keeps, by its file name in scratch/real/ (SOURCES.md). */
const PLANS = {
  // Sorted by country: the first rows of every country, so each country further down is in the extract.
  "acled-2015-asia.csv": { out: "acled-2015-asia.csv", head: 6, group: "COUNTRY", perGroup: 3, tail: 2 },
  // West African rows further down (Senegal, Mauritania), which a box drawn from the first rows calls far.
  "acled-2016-api-africa.csv": { out: "acled-2016-api-africa.csv", head: 50, pick: { column: "country", values: ["Senegal", "Mauritania"], per: 2 }, tail: 2 },
  // The last record is cut off after its actor (no position): kept as it is.
  "acled-2020-middle-east.csv": {
    out: "acled-2020-middle-east.csv", head: 45, position: "latitude", pick: { column: "country", values: ["South Africa", "Madagascar", "Mozambique"], per: 1 }, tail: 2,
  },
  // ACLED's monadic layout: each event twice, once per actor (same id, other actor); some rows repeated exactly.
  "acled-2024-bangladesh.csv": { out: "acled-2024-bangladesh.csv", head: 24, match: /^(BGD27831|BGD26556|BGD25867|BGD28302),/, tail: 2 },
  "acled-2022-no-coordinates.csv": { out: "acled-2022-no-coordinates.csv", head: 24, group: "admin1", perGroup: 1, tail: 2, max: 36 },
  "acled-slim-caucasus.csv": { out: "acled-slim-caucasus.csv", head: 4, group: "latitude", perGroup: 1, tail: 2, max: 40 },
  // The same massacre twice (LANDAZURI, 2022/09/11) and names with Ñ.
  "masacres-colombia.csv": { out: "masacres-colombia.csv", head: 30, match: /LANDAZURI|OCAÑA|EL PEÑOL|LA MONTAÑITA/, tail: 2 },
  "gdelt-ukraine.csv": { out: "gdelt-ukraine.csv", head: 40 },
  // UCDP GED as HDX republishes it: an HXL hashtag row under the header; every where_prec and date_prec kept.
  "ucdp-ged-hdx-bangladesh.csv": {
    out: "ucdp-ged-hdx-bangladesh.csv", hxl: true, head: 24, tail: 2,
    pick: [{ column: "where_prec", values: ["3", "4", "5", "6", "7"], per: 1 }, { column: "date_prec", values: ["2", "3", "4", "5"], per: 1 }],
  },
  // Insecurity Insight's API records: "(2) 25 km Precision " and two rows placed only by their country (no coordinates).
  "insecurity-insight-protection.json": { out: "insecurity-insight-protection.json", records: [...range(0, 20), ...range(75, 83), 330, 336, 1174, 1176, 1210, 1413] },
  "syria-coast-geolocations.geojson": { out: "syria-coast-geolocations.geojson", features: [0, 1, 2, 3, 4, 5] },
  "unmiss-incidents.geojson": { out: "unmiss-incidents.geojson", features: [0, 2, 3, 4] },
};

function range(from, to) {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** Records of a CSV as raw byte ranges (latin1 keeps one char per byte), with quoted newlines inside a record. */
function records(text) {
  const out = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === "\n" && !quoted) {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** A record's cells (RFC 4180 quotes), for choosing rows only; the record itself is copied as it is. */
function cells(record) {
  const line = record.replace(/\r?\n$/, "");
  const out = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(cell);
      cell = "";
    } else cell += c;
  }
  out.push(cell);
  return out;
}

function extractCsv(bytes, plan) {
  const text = Buffer.from(bytes).toString("latin1");
  const all = records(text);
  const names = cells(all[0].replace(/^\xef\xbb\xbf/, ""));
  const header = plan.hxl ? all[0] + all[1] : all[0];
  const rows = all.slice(plan.hxl ? 2 : 1);
  const col = (name) => names.indexOf(name);
  const keep = new Set();
  for (let i = 0; i < Math.min(plan.head ?? 0, rows.length); i++) keep.add(i);
  if (plan.group) {
    const g = col(plan.group);
    let last;
    let taken = 0;
    rows.forEach((r, i) => {
      const v = cells(r)[g];
      if (v !== last) {
        last = v;
        taken = 0;
      }
      if (taken < plan.perGroup && keep.size < (plan.max ?? 60)) {
        keep.add(i);
        taken++;
      }
    });
  }
  if (plan.position) {
    const p = col(plan.position);
    rows.forEach((r, i) => {
      if (!Number.isFinite(Number.parseFloat(cells(r)[p] ?? ""))) keep.add(i);
    });
  }
  for (const pick of [plan.pick ?? []].flat()) {
    const c = col(pick.column);
    for (const value of pick.values) {
      rows.map((r, i) => [cells(r)[c], i]).filter(([v]) => v === value).slice(0, pick.per).forEach(([, i]) => keep.add(i));
    }
  }
  if (plan.match) {
    rows.forEach((r, i) => {
      if (plan.match.test(Buffer.from(r, "latin1").toString("utf8"))) keep.add(i);
    });
  }
  for (let i = Math.max(0, rows.length - (plan.tail ?? 0)); i < rows.length; i++) keep.add(i);
  const chosen = [...keep].sort((a, b) => a - b).map((i) => rows[i]);
  return Buffer.from(header + chosen.join(""), "latin1");
}

function extractGeoJson(bytes, plan) {
  const text = Buffer.from(bytes).toString("utf8");
  const doc = JSON.parse(text);
  const features = plan.features.map((i) => doc.features[i]);
  const pretty = /^\{\s*\n/.test(text);
  return Buffer.from(JSON.stringify({ ...doc, features }, null, pretty ? 2 : undefined) + (pretty ? "\n" : ""), "utf8");
}

/** A JSON array of records: the chosen records, minified as the original. */
function extractRecords(bytes, plan) {
  const all = JSON.parse(Buffer.from(bytes).toString("utf8"));
  return Buffer.from(JSON.stringify(plan.records.map((i) => all[i])), "utf8");
}

const [original, outDir = join(import.meta.dirname, "../tests/fixtures/real")] = process.argv.slice(2);
if (!original) {
  console.error("usage: node scripts/real-extract.mjs <original file> [out-dir]");
  process.exit(2);
}
const plan = PLANS[basename(original)];
if (!plan) {
  console.error(`no extract plan for ${basename(original)}; known: ${Object.keys(PLANS).join(", ")}`);
  process.exit(2);
}
const bytes = readFileSync(original);
const out = plan.features ? extractGeoJson(bytes, plan) : plan.records ? extractRecords(bytes, plan) : extractCsv(bytes, plan);
writeFileSync(join(outDir, plan.out), out);
console.log(`${plan.out}: ${out.length} bytes from ${bytes.length}`);
