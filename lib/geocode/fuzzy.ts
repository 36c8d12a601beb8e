// Fuzzy matching of a normalised query against every name form of the gazetteer. At build time each form's
// `norm` is indexed by trigrams and its consonant skeleton by bigrams; a query counts shared n-grams in one
// pass over the postings (that count *is* the Dice overlap), shortlists the best forms and scores only those
// in full. Similarity of a form = max of: trigram Dice on `norm`, edit similarity on `norm`, and 0.9 × edit
// similarity on the skeleton (vowel-blind, so capped below an exact spelling).
import { SHORTLIST } from "./config";
import type { Gazetteer, GazetteerEntry } from "./gazetteer";
import { normalise, type NormalForms } from "./normalise";

// @option SKELETON_WEIGHT: number, default 0.9. A vowel-blind match is good evidence but not a spelling match.
const SKELETON_WEIGHT = 0.9;
// @option MIN_SKELETON: integer, default 4. Shorter skeletons ("dr", "krt") match too much to be evidence.
const MIN_SKELETON = 4;

interface Form {
  entry: number;
  text: string;
  norm: string;
  skel: string;
  grams: number;
  skelGrams: number;
}

export interface FuzzyIndex {
  gazetteer: Gazetteer;
  forms: Form[];
  exact: Map<string, number[]>;
  trigrams: Map<string, number[]>;
  skelExact: Map<string, number[]>;
  skelBigrams: Map<string, number[]>;
  /** Scratch counters reused across queries (one query at a time: JavaScript is single-threaded). */
  counts: Uint16Array;
  skelCounts: Uint16Array;
}

export interface Match {
  entry: GazetteerEntry;
  score: number;
  matched: string;
}

function ngrams(s: string, n: number): string[] {
  const padded = ` ${s} `;
  const out = new Set<string>();
  for (let i = 0; i + n <= padded.length; i++) out.add(padded.slice(i, i + n));
  return [...out];
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== value) list.push(value);
  } else map.set(key, [value]);
}

/** Every spelling of an entry: name, Arabic name, variants; deduplicated on the normal form. */
function entryNames(e: GazetteerEntry): string[] {
  return [e.name, e.name_ar, ...e.variants].filter(Boolean);
}

export function buildIndex(gazetteer: Gazetteer): FuzzyIndex {
  const forms: Form[] = [];
  const exact = new Map<string, number[]>();
  const trigrams = new Map<string, number[]>();
  const skelExact = new Map<string, number[]>();
  const skelBigrams = new Map<string, number[]>();
  gazetteer.entries.forEach((entry, ei) => {
    const seen = new Set<string>();
    for (const text of entryNames(entry)) {
      const { norm, skel } = normalise(text);
      if (!norm || seen.has(norm)) continue;
      seen.add(norm);
      const fi = forms.length;
      const grams = ngrams(norm, 3);
      const sgrams = skel.length >= MIN_SKELETON ? ngrams(skel, 2) : [];
      forms.push({ entry: ei, text, norm, skel, grams: grams.length, skelGrams: sgrams.length });
      push(exact, norm, fi);
      for (const g of grams) push(trigrams, g, fi);
      if (skel.length >= MIN_SKELETON) {
        push(skelExact, skel, fi);
        for (const g of sgrams) push(skelBigrams, g, fi);
      }
    }
  });
  return { gazetteer, forms, exact, trigrams, skelExact, skelBigrams, counts: new Uint16Array(forms.length), skelCounts: new Uint16Array(forms.length) };
}

/** Levenshtein distance, two rows, early exit when it exceeds `max`. */
function levenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** 1 − distance / longer length; 0 when the strings are too far apart to matter (< 0.5). */
function editSimilarity(a: string, b: string): number {
  const len = Math.max(a.length, b.length);
  if (len === 0) return 0;
  const max = Math.floor(len / 2);
  const d = levenshtein(a, b, max);
  return d > max ? 0 : 1 - d / len;
}

function topByCount(touched: number[], counts: Uint16Array, minCount: number, k: number): number[] {
  const kept = touched.filter((fi) => counts[fi] >= minCount);
  kept.sort((x, y) => counts[y] - counts[x]);
  return kept.slice(0, k);
}

/**
 * Scores every entry whose forms resemble `q`, best similarity per entry, unsorted.
 * `q` is a normalised query (see normalise()); an empty norm matches nothing.
 */
export function search(index: FuzzyIndex, q: NormalForms): Match[] {
  const best = new Map<number, { score: number; form: Form }>();
  const consider = (fi: number, score: number) => {
    const form = index.forms[fi];
    const prev = best.get(form.entry);
    if (!prev || score > prev.score) best.set(form.entry, { score, form });
  };
  if (!q.norm) return [];

  for (const fi of index.exact.get(q.norm) ?? []) consider(fi, 1);

  // Trigram pass: count shared trigrams per form.
  const qGrams = ngrams(q.norm, 3);
  const touched: number[] = [];
  const { counts, skelCounts } = index;
  for (const g of qGrams) {
    for (const fi of index.trigrams.get(g) ?? []) {
      if (counts[fi] === 0) touched.push(fi);
      counts[fi]++;
    }
  }
  const useSkel = q.skel.length >= MIN_SKELETON;
  const skelTouched: number[] = [];
  const qSkelGrams = useSkel ? ngrams(q.skel, 2) : [];
  for (const g of qSkelGrams) {
    for (const fi of index.skelBigrams.get(g) ?? []) {
      if (skelCounts[fi] === 0) skelTouched.push(fi);
      skelCounts[fi]++;
    }
  }

  const shortlist = new Set<number>([
    ...topByCount(touched, counts, Math.max(1, Math.ceil(qGrams.length * 0.25)), SHORTLIST),
    ...topByCount(skelTouched, skelCounts, Math.max(1, Math.ceil(qSkelGrams.length * 0.5)), SHORTLIST / 2),
    ...(useSkel ? index.skelExact.get(q.skel) ?? [] : []),
  ]);
  for (const fi of shortlist) {
    const form = index.forms[fi];
    const dice = (2 * counts[fi]) / (qGrams.length + form.grams);
    const edit = editSimilarity(q.norm, form.norm);
    const skel = useSkel && form.skel.length >= MIN_SKELETON ? SKELETON_WEIGHT * editSimilarity(q.skel, form.skel) : 0;
    consider(fi, Math.max(dice, edit, skel));
  }
  // Reset the scratch counters for the next query.
  for (const fi of touched) counts[fi] = 0;
  for (const fi of skelTouched) skelCounts[fi] = 0;

  const out: Match[] = [];
  for (const [ei, { score, form }] of best) out.push({ entry: index.gazetteer.entries[ei], score, matched: form.text });
  return out;
}
