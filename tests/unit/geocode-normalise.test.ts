// Normalisation: the spellings transliterators disagree on fold to one form.
import { describe, expect, it } from "vitest";
import { normalise } from "@/lib/geocode/normalise";
import { readWholeCsv } from "@/lib/csv/read";
import { parsePhrase, splitList } from "@/lib/geocode/phrases";

const same = (a: string, b: string) => expect(normalise(a).norm).toBe(normalise(b).norm);

describe("normalise (Latin)", () => {
  it("folds case, diacritics and ayn/hamza marks", () => {
    same("Ţafas", "tafas");
    same("Dar‘ā", "Daraa");
    same("Nafi'ah", "Nafiʿah");
    same("ʾIzraʿ", "Izra");
  });
  it("drops the article and its assimilated forms", () => {
    for (const a of ["al-Sanamayn", "as-Sanamayn", "As Sanamayn", "el Sanamayn", "ash-Sanamayn"]) same(a, "Sanamayn");
  });
  it("folds Sheikh/Shaykh/Cheikh and vowel variants", () => {
    same("Sheikh Maskeen", "Shaykh Maskin");
    same("Cheikh Maskin", "Shaykh Maskin");
    same("Jassem", "Jasem");
    same("Mouzeirib", "Muzayrib");
  });
  it("gives al-Msifrah and Al Musayfirah the same skeleton", () => {
    expect(normalise("al-Msifrah").skel).toBe(normalise("Al Musayfirah").skel);
  });
});

describe("normalise (Arabic)", () => {
  it("strips harakat and tatweel, unifies hamza forms, taa marbuta and alef maqsura", () => {
    same("دَرْعَا", "درعا");
    same("درعـــا", "درعا");
    same("إدلب", "ادلب");
    same("نافعة", "نافعه");
    same("نوى", "نوا");
  });
  it("drops the article", () => same("الشيخ مسكين", "شيخ مسكين"));
});

describe("csv", () => {
  it("reads quoted fields with commas, doubled quotes and CRLF", () => {
    expect(readWholeCsv('a,b\r\n"x, y","say ""hi"""\r\n', { separator: "," }).records.map((r) => r.fields)).toEqual([["a", "b"], ["x, y", 'say "hi"']]);
  });
});

describe("phrases", () => {
  it("splits lists without breaking hyphenated names", () => {
    expect(splitList("Arbin, Mesraba and Madira")).toEqual(["Arbin", "Mesraba", "Madira"]);
    expect(splitList("al-Msifrah and al-Jizah")).toEqual(["al-Msifrah", "al-Jizah"]);
  });
  it("recognises the source's phrase forms", () => {
    expect(parsePhrase("the road between Nawa and Sheikh Maskeen")).toEqual({ type: "line", parts: ["Nawa", "Sheikh Maskeen"] });
    expect(parsePhrase("near Tafas")).toEqual({ type: "near", text: "Tafas" });
    expect(parsePhrase("throughout Daraa province")).toEqual({ type: "throughout", text: "Daraa province" });
    expect(parsePhrase("the countryside east and west of Daraa")).toEqual({ type: "countryside", base: "Daraa", directions: ["east", "west"] });
    expect(parsePhrase("al-Ruba’i checkpoint between al-Msifrah and al-Jizah")).toEqual({ type: "between-point", name: "al-Ruba’i checkpoint", parts: ["al-Msifrah", "al-Jizah"] });
  });
});
