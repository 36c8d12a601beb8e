// How often the code-page guess is right, beside chardet alone, on names written in their own code page.
// Each case is a small ACLED-like CSV whose one non-ASCII name is the one under test (the hardest case:
// little evidence), plus 3-, 20- and 1,000-row files mixing the names. Run: npx tsx scripts/measure-encoding.ts
import { analyse } from "chardet";
import { guessEncoding } from "../lib/import/source/encoding";

// windows-1252's punctuation written out: Node's TextDecoder reads 0x80–0x9F as C1 controls (nodejs/node#60888).
const PUNCTUATION_1252: Record<string, number> = { "…": 0x85, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "–": 0x96, "—": 0x97 };
const encode = (text: string, label: string) => {
  const d = new TextDecoder(label);
  const table = new Map<string, number>();
  for (let b = 255; b >= 0; b--) table.set(d.decode(Uint8Array.of(b)), b);
  if (label === "windows-1252") for (const [c, b] of Object.entries(PUNCTUATION_1252)) table.set(c, b);
  return Uint8Array.from([...text].map((c) => {
    const b = table.get(c);
    if (b === undefined) throw new Error(`${label} lacks ${c}`);
    return b;
  }));
};
const HEADER = "event_id_cnty,event_date,actor1,admin1,location,latitude,longitude,notes\n";
const NAMES: [string, string, string[]][] = [
  ["Spanish", "windows-1252", ["Peña", "Muñoz", "Castaño", "José", "Málaga", "Cádiz", "Córdoba", "Logroño", "León", "Ibáñez", "Jaén", "Núñez", "Bogotá", "Medellín", "Cúcuta", "Nariño", "Boyacá", "Policía Nacional", "campesinos en la vía", "señaló el alcalde"]],
  ["Portuguese", "windows-1252", ["São Paulo", "Maranhão", "Belém", "Pará", "Goiânia", "Conceição", "Amapá", "Paraíba", "Rondônia", "João", "Brasília", "em frente à prefeitura", "polícia militar", "Ceará", "Piauí", "Niterói", "Três Lagoas", "Macapá", "Florianópolis", "Uberlândia"]],
  ["German", "windows-1252", ["Köln", "München", "Düsseldorf", "Nürnberg", "Göttingen", "Würzburg", "Lübeck", "Mönchengladbach", "Straße", "Gießen", "Tübingen", "Osnabrück", "Fürth", "Bündnis", "Polizei schätzt", "Jörg", "Müller", "Schröder", "Österreich", "Saarbrücken"]],
  ["French", "windows-1252", ["Ségou", "Forces armées maliennes", "Côte d'Ivoire", "Préfecture", "Bénin", "Sénégal", "Kaédi", "émeute", "manifestants arrêtés", "fête", "hôpital", "rôle", "Tillabéri", "Gaoué", "Kénédougou", "Ménaka", "Dédougou", "Zinder région", "Maïné-Soroa", "Boké"]],
  ["Typographic", "windows-1252", ["Rebels’ attack", "– “heavy” –", "Café\u00a0du\u00a0Marché", "3\u00a0killed…", "l’église", "Army’s convoy", "“no casualties”", "Ségou\u00a0road", "près de la gare", "chief’s house", "Côte d’Ivoire", "“calme” revenu", "— sources", "‘local’ militia", "de l’Est", "dispersé", "Préfecture – police", "Gaoué\u00a0–\u00a0Kandi", "it’s", "O’Neill"]],
  ["Arabic", "windows-1256", ["درعا", "درعا البلد", "طفس", "الصنمين", "نوى", "جاسم", "بصرى الشام", "الحراك", "قوات النظام", "قصف مدفعي", "اشتباكات", "إنخل", "داعل", "المزيريب", "اليادودة", "السويداء", "الجيزة", "تل شهاب", "غرز", "الشيخ مسكين"]],
  ["Ukrainian", "windows-1251", ["Київ", "Харків", "Одеса", "Дніпро", "Запоріжжя", "Миколаїв", "Херсон", "Маріуполь", "Бахмут", "Суми", "Полтава", "Чернігів", "Житомир", "Луганськ", "Донецьк", "Ізюм", "Буча", "Ірпінь", "Краматорськ", "Авдіївка"]],
];
const CHARDET: Record<string, string> = { "ISO-8859-1": "windows-1252", "windows-1252": "windows-1252", "ISO-8859-6": "windows-1256", "windows-1256": "windows-1256", "windows-1251": "windows-1251", "ISO-8859-5": "windows-1251" };
for (const [lang, page, names] of NAMES) {
  const files = [
    ...names.map((n) => HEADER + `X1,2021-01-01,Protesters,${n},${n},1,2,"notes"\n` + "X2,2021-01-02,Protesters,Other,Other,1,2,plain\n".repeat(5)),
    ...[3, 20, 1000].map((rows) => HEADER + Array.from({ length: rows }, (_, i) => `X${i},2021-01-01,${names[i % names.length]},${names[(i * 7 + 3) % names.length]},x,1,2,n\n`).join("")),
  ];
  let ours = 0;
  let unsure = 0;
  let alone = 0;
  const t0 = performance.now();
  for (const text of files) {
    const bytes = encode(text, page);
    const g = guessEncoding(bytes);
    if (g.guess.name === page) ours++;
    if (g.unsure) unsure++;
    if (CHARDET[analyse(bytes)[0]?.name ?? ""] === page) alone++;
  }
  const ms = (performance.now() - t0) / files.length;
  console.log(`${lang} (${page}): ours ${ours}/${files.length} right (${unsure} flagged unsure), chardet alone ${alone}/${files.length}; ${ms.toFixed(1)} ms per file`);
}
