// The import worker's columns, byte for byte: for published files, the import fixtures and a synthetic ACLED
// export, the SHA-256 of the bytes columnsOf writes is the one the encoder wrote before it was made faster
// (recorded from lib/columns/encode.ts at 172b680). A change to the layout must update these on purpose.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { columnsOf } from "@/components/import/columns";
import { acledCsv } from "@/lib/build/acled-synth";
import { importFile } from "@/lib/import";

const FIXTURES = join(__dirname, "../fixtures");

/** SHA-256 (hex) of the columns of a file imported in one click, ids prefixed "T". */
async function columnsHash(bytes: Uint8Array, name: string): Promise<string> {
  const { collection } = await importFile(bytes, name, { idPrefix: "T" });
  return createHash("sha256").update(new Uint8Array(columnsOf(collection.features).buffer)).digest("hex");
}

const FILES: Record<string, string> = {
  "real/acled-2015-asia.csv": "8733b39b1e04b6d45cfa52fc6a1f2e0d5bca6f8b61d1cde5d85ac89d43ca9bc0",
  "real/acled-2016-api-africa.csv": "4fd3cf76b9e344fc9f45348e5d4f02e4ec52486c72d08d3462d839b9cf2d32f7",
  "real/acled-2020-middle-east.csv": "07ca8987a254f0d8e70198ad6a356eb50d68915a14e7212558ad6bd87dfa759f",
  "real/acled-2024-bangladesh.csv": "9df743a9cd35af1a638e2bca27c3454ef20d1271e47de8aeb8156d1bad5af29c",
  "real/acled-slim-caucasus.csv": "877102bdb1976754436cb96042d7c15631803e93f3679dfc26c0ca7051f0c0fd",
  "real/insecurity-insight-protection.json": "741b38d81f92e8d53f13ef7b719a1c60cb17fdf1f0f2d0c7a537914a59ac24aa",
  "real/syria-coast-geolocations.geojson": "31335df0d74aaf615f195f57c523d8b51025dcc1590bb07b29c6d54235fb6e75",
  "real/ucdp-ged-hdx-bangladesh.csv": "0d31effd626183aafd571ad182996e81eeceb95b1ff07f4c878a390af7c9ca70",
  "real/unmiss-incidents.geojson": "9c6c6ceef23dfda982e2af0e0d23a2c602bd1b678e40865ef41b80df692241c7",
  "import/acled-1256.csv": "0afd534b425e0bf5528bf2e40bf48430c2feaea7085526ef87fba6ce83fd54ea",
  "import/acled-2016.csv": "a86cedd5609ff3ac75b0eb81ac6b0fa4414f811c72ea59a2e97bc1c3ed97e675",
  "import/acled-2020-excel.csv": "f0cd2432ce1b693bf81d1c8256bd8c8aca199a07767d8881916281c549aac590",
  "import/acled-2023.csv": "099b551fcf17b08365ead034e4d4d2b02b14c6bc5335b2e14c482bbeba3c8fdd",
  "import/acled-api.json": "f24dd7e22bc858062b5c41a2b376df4766b079afc02a5bc3a2a9a477c681a343",
  "import/acled-comma.csv": "e9d90046abe1b27c91cfcc4d4e70b48b1e5ec4a072f429a27d440931eae60d8b",
  "import/acled-semicolon.csv": "556e9159654596f88eaa89c8e1b1bb6ac4f708f85f513af812b4a8eb7f064142",
  "import/ambiguous-dates.csv": "1b8a38592d741ccbf544a9f915848ff913d57343a1c2c724c33d7dfbd8f30917",
  "import/arabic-windows-1256.csv": "dd39fc6e1611f2a0b3e4f1ec326208404feec5f3dc04fb42c19d40e2f0517027",
  "import/bom-utf8.csv": "20a9247199011768c0bb867ce83c55671a93a2f014223298f9795c29de008420",
  "import/clockwise-polygon.geojson": "2930a9ebbf39e527f3ec3aa808b16350a8d99423841cf7245fd9ef31233d4498",
  "import/crs-crs84.geojson": "a7a5aaac4d02c1d7073c52cdc9747bf259dca57e583924dd5bd3d7e33f388414",
  "import/duplicate-ids.geojson": "3395f75820984e6e5ede971fee586551e5f8b70ac76f5801d2230c929f50cb11",
  "import/empty-ring.geojson": "64931e6cb378ada0cf5e7408491b2fbb302ea11700ce0a89d60e37fec18b500a",
  "import/geojson-minimal.geojson": "a444fec355ffaca7b9c50a6aa9d9a9975dc71fdd93abf988068f02557345d967",
  "import/good.geojson": "55917137c1ebd46c0e002694ce51e97267f5ccc34b82aff3d6d989047700a422",
  "import/google-my-maps.kml": "81f05905c6e9535c1b6a673a93d8acee1d2d8580b6bfe2b94c0f6fdf4b3cf09b",
  "import/hdx-hxl.csv": "406e122197b18ed5724ad5713285f015bcd48da633d427967dcd11757b9050c1",
  "import/hostile.csv": "e34dea19f0fdb97355e9718138d12fd949e23116acb99c417636fb82973549ce",
  "import/hostile.geojson": "9f18d9eabc7912f8c7b1750db6181a2282dd6da5774a99ee4050cee514c47f94",
  "import/incidents.ndjson": "d280ca9c4f0da8d31cc1c7e3f056949a11153c1f764de7f4c26e5cd08014526d",
  "import/incidents.tsv": "371e59a8f7560d209dcf7c893a4ce33b0a99f3f80cf87c1f1ff639de92ca0aff",
  "import/incidents.xlsx": "7c3cd6f32db08590c1f2cca2ec236cd3d41a0ef98470a106a5d5e95a4443e229",
  "import/infinity-1e400.geojson": "66176d22b09c7a514fefe70b44f2fb7cb36edab43f9a2e85342da3af72e248a3",
  "import/semicolon-decimal-comma.csv": "c194faf31f378b0994aaed5529413af11e796f5029e09fa2940cfa341456c0d1",
  "import/swapped.geojson": "c37f5804c547d54f7d6d81e0327bb6d6f57dfdd2bd48dc149d254094ae9a0b49",
  "import/timemap.json": "54c9ccc0e645cf8ae225933ab428c02bdef240d8032ca7a59a77da4c1a014e0c",
  "import/ucdp-ged.csv": "6f8d049b24fe150bc81413cf6244698bb88877515dde1874871ac0f7367b16a8",
  "import/umap.kml": "0adeecd5b3e33f2385e3033965a62c32793554036b38f8129bc35afd39b1b5fe",
  "import/unclosed-ring.geojson": "92e59175e8bf0c303a6cd46e71ac1c6bb17e8a279f2168f55c4cd1573e924594",
};

describe("the import worker's columns", () => {
  it.each(Object.entries(FILES))("%s: the same bytes as before", async (file, hash) => {
    expect(await columnsHash(new Uint8Array(readFileSync(join(FIXTURES, file))), file)).toBe(hash);
  });

  it("a synthetic ACLED export of 3,000 rows: the same bytes as before", async () => {
    expect(await columnsHash(new TextEncoder().encode(acledCsv({ rows: 3000, seed: 1 })), "acled-synth.csv")).toBe("719c6bfaae09113ff21a45a579dada65d4752911ba644df4cc61f38152f99688");
  });
});
