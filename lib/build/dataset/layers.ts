// The two context layers beside the incidents: checkpoints and the siege of Daraa al-Balad. Their
// facts are declared here, each with the sentence it comes from; their positions come from the same
// geocoder as the incidents, so moving a gazetteer entry moves every layer together.
import { featureCollection, intersect, multiPolygon, union } from "@turf/turf";
import type { Feature, MultiPolygon, Point, Polygon, Position } from "geojson";
import type { CheckpointCollection, CheckpointFeature, SiegeCollection, SiegeFeature } from "../../incident/context-layers";
import type { GeoPrecision } from "../../incident/model";
import { roundGeometry } from "./geometry";
import type { GeocodeAnswer, Geocoder } from "./place";
import { labelSpot } from "./label-spot";
import { BESIEGED, OUTLINE_SOURCES, siegeOutline } from "./siege-outline";

// Sources beyond the article, each cited where it is used.
export const STJ_SIEGE = "https://stj-sy.org/en/syria-the-75-day-siege-of-daraa-al-balad";
export const SOHR_SIEGE_LIFTED = "https://www.syriahr.com/en/222431/";
export const NEW_ARAB_AGREEMENT = "https://newarab.com/news/syrian-regime-lifts-siege-daraa-after-month";
export const CCSD_SIEGE = "https://www.ccsd.ngo/daraa-is-a-target-again/";

// The article's sentences the layers rest on (checked verbatim against the article by the build).
export const Q = {
  siege:
    "Following the rejection of the Russian demands Syrian Army security forces imposed a siege on the neighbourhoods of Daraa al-Balad to exert pressure on the residents of the city.",
  families: "As a result 11,000 Syrian families were besieged after the former FSA fighters refused to hand over their weapons.",
  agreement:
    "After a few weeks the negotiation committees of Daraa and the Syrian government reached an agreement to end the siege and evade a military escalation.",
  terms:
    "The deal will be implemented as a five-phase agreement in which all roads will be reopened, rebel light weapons will be handed over and the government can keep three checkpoints in the city.",
  seized:
    "Anti-government fighters seized several checkpoints and captured many surprised Syrian Army soldiers and Military Intelligence Directorate agents.",
  owners:
    "While the Syrian Army's 4th Division was leading the anti-rebel operations, the overrun checkpoints mostly belonged to the 5th Division, 9th Division, and Air Force Intelligence Directorate.",
  eighteen: "Overall, 18 positions in the countryside east and west of Daraa were captured by armed locals.",
  rubai:
    "On August 27, 6 members of the reconciled 5th Corps, including a commander, were killed in a Syrian army ambush at al-Ruba’i checkpoint between al-Msifrah and al-Jizah.",
  entry: "Russian military police and Syrian state forces entered the besieged Daraa al-Balad neighborhood, hoisting up the Syrian flag in the area.",
  newCheckpoints: "The new agreement allowed several pro-government checkpoints to be established in Daraa al-Balad.",
} as const;

/** Every layer quote, for the verbatim check. */
export const LAYER_QUOTES: readonly string[] = Object.values(Q);

async function place(geocode: Geocoder, text: string, what: string): Promise<NonNullable<GeocodeAnswer["best"]>> {
  const answer = await geocode(text);
  if (answer.status !== "resolved" || !answer.best) throw new Error(`${what}: the geocoder answered "${answer.status}" for ${JSON.stringify(text)}`);
  return answer.best;
}

function asPolygons(g: Feature["geometry"], what: string): Position[][][] {
  if (g?.type === "Polygon") return [g.coordinates];
  if (g?.type === "MultiPolygon") return g.coordinates;
  throw new Error(`${what}: expected an area from the geocoder, got ${g?.type ?? "no geometry"}`);
}

export async function buildSiege(geocode: Geocoder): Promise<SiegeCollection> {
  const { polygon, km2, vertices } = await siegeOutline(geocode);
  const feature: SiegeFeature = {
    type: "Feature",
    geometry: polygon,
    properties: {
      id: "SIEGE-2021-DARAA-AL-BALAD",
      name: "Siege of Daraa al-Balad",
      // The article dates the siege only as following the end-of-June demands; STJ gives the days.
      valid_from: "2021-06-24",
      valid_from_precision: 1,
      valid_from_source: STJ_SIEGE,
      valid_to: "2021-09-06",
      // Sources differ on the end (STJ 6 September; others 8, 9 or later, as checkpoints were lifted).
      valid_to_precision: 2,
      valid_to_source: STJ_SIEGE,
      dates_note:
        "The article gives no dates for the siege: it followed the rejection of Russia's end-of-June demands. Syrians for Truth and Justice (STJ) date it 24 June to 6 September 2021. Other reports end it between 8 and 9 September, and SOHR reported the last cordon checkpoints withdrawn after 'nearly 80 days', so the end date has precision 2.",
      families: 11000,
      neighbourhoods: BESIEGED.map((b) => b.name),
      neighbourhoods_source: STJ_SIEGE,
      terms: [
        "A five-phase agreement",
        "All roads to be reopened",
        "Rebel light weapons to be handed over",
        "The government may keep three checkpoints in the city",
      ],
      terms_source_quote: Q.terms,
      geo_precision: 2 as GeoPrecision,
      area_km2: km2,
      precision_note: `Schematic, not surveyed: no source publishes the besieged area's boundary. Each vertex is an estimate placed from the al-Omari Mosque (the one sourced position) by what cited pages say lies around the three neighbourhoods STJ names (outline_vertices gives each vertex's reason and page): Daraa al-Balad south of Wadi al-Zaidi, Tariq al-Sad east of it, and the camp north of the valley's eastern part, with government premises to its west. Daraa's centre (the GeoNames point, government-held Daraa al-Mahatta) lies outside. It covers about ${km2} km²: CCSD describes the besieged area as no more than 2 km², while UNRWA gives the camp alone 1.3 km² before the war, so the outline holds only the camp's southern part, next to Tariq al-Sad. Read it as 'the besieged quarter is here', not as the line of the cordon.`,
      outline_vertices: vertices,
      outline_size_source: OUTLINE_SOURCES.size,
      source: 'Wikipedia, "2021 Daraa offensive" (CC BY-SA 4.0); dates and neighbourhoods: STJ',
      source_quotes: [Q.siege, Q.families, Q.agreement, Q.terms],
    },
  };
  return { type: "FeatureCollection", features: [feature] };
}

/**
 * `daraa`: the governorate's outline, to which the 18 positions' area is clipped; `markers`: where the
 * incidents' markers stand, which the area's label keeps away from.
 */
export async function buildCheckpoints(geocode: Geocoder, daraa: Polygon | MultiPolygon, markers: readonly Position[]): Promise<CheckpointCollection> {
  const rubai = await place(geocode, "al-Ruba’i checkpoint", "al-Ruba'i checkpoint");
  if (rubai.geometry.type !== "Point") throw new Error(`al-Ruba'i checkpoint: expected a point, got ${rubai.geometry.type}`);
  const east = await place(geocode, "the countryside east of Daraa", "18 positions (east)");
  const west = await place(geocode, "the countryside west of Daraa", "18 positions (west)");
  // Union, not a bare MultiPolygon: the two regions' boxes may overlap, and overlapping parts of a
  // MultiPolygon are invalid simple features (and would draw darker where they meet).
  const merged = union(featureCollection([multiPolygon(asPolygons(east.geometry, "east")), multiPolygon(asPolygons(west.geometry, "west"))]));
  if (!merged) throw new Error("18 positions: the union of the eastern and western countryside is empty");
  // "East and west of Daraa" lies within the governorate: the boxes are cut to its outline.
  const clipped = intersect(featureCollection([merged, multiPolygon(asPolygons(daraa, "Daraa Governorate"))]));
  if (!clipped) throw new Error("18 positions: the countryside boxes do not overlap the Daraa Governorate outline");
  const eighteen: Polygon | MultiPolygon = roundGeometry(clipped.geometry);
  const { polygon: balad } = await siegeOutline(geocode);

  const features: CheckpointFeature[] = [
    {
      type: "Feature",
      geometry: eighteen,
      properties: {
        id: "CP-2021-18-POSITIONS",
        name: "18 positions in the countryside east and west of Daraa",
        kind: "checkpoint-area",
        count: 18,
        held_by: "Syrian government forces (mostly the 5th and 9th Divisions and Air Force Intelligence)",
        changes: [
          { date: "2021-07-29", held_by: "Armed locals (rebel fighters)", what: "Captured by armed locals in retaliation for the government operation; many soldiers and Military Intelligence agents captured. The article gives no day: 29 or 30 July, after the 29 July shelling and before the 30–31 July ceasefire (the earlier day is the one recorded).", source_quote: Q.eighteen },
        ],
        position: "estimate",
        geo_precision: 3,
        notes:
          "The article gives 18 positions but neither names nor places them, nor splits them between east and west. The area is the gazetteer's eastern and western Daraa countryside (bounding boxes, not boundaries) cut to the Daraa Governorate outline (Natural Earth): read it as '18 positions somewhere in here', never as 18 points. See incidents DAR-2021-009 and DAR-2021-010.",
        label: "18 positions stormed, 29–30 July — positions not given",
        label_at: labelSpot(eighteen, markers),
        source_quote: Q.eighteen,
        source_quotes: [Q.seized, Q.owners, Q.eighteen],
      },
    },
    {
      type: "Feature",
      geometry: roundGeometry(rubai.geometry as Point),
      properties: {
        id: "CP-2021-AL-RUBAI",
        name: "al-Ruba’i checkpoint",
        kind: "checkpoint",
        count: 1,
        held_by: "Unknown (the article does not say who held it)",
        changes: [
          { date: "2021-08-27", held_by: "Unknown", what: "Six members of the reconciled 5th Corps, a commander among them, were killed in a Syrian army ambush at the checkpoint.", source_quote: Q.rubai },
        ],
        position: rubai.properties.estimate ? "estimate" : "sourced",
        geo_precision: rubai.properties.geo_precision,
        notes: `Between al-Msifrah and al-Jizah, as the article puts it. ${rubai.properties.estimate ?? ""}`.trim(),
        source_quote: Q.rubai,
        place_id: rubai.properties.id,
      },
    },
    {
      type: "Feature",
      geometry: null,
      properties: {
        id: "CP-2021-AGREEMENT-3",
        name: "Three government checkpoints kept in the city under the agreement",
        kind: "checkpoint",
        count: 3,
        held_by: "Syrian government forces",
        changes: [
          { date: null, held_by: "Syrian government forces", what: "The agreement to end the siege let the government keep three checkpoints in the city. The article does not date the agreement; STJ dates it 24 July 2021.", source_quote: Q.terms },
        ],
        position: "unknown",
        geo_precision: 3,
        notes: `No source found gives the three checkpoints' positions, so they are listed, not drawn. The New Arab reported the terms as three security checkpoints within Daraa al-Balad (${NEW_ARAB_AGREEMENT}).`,
        source_quote: Q.terms,
      },
    },
    {
      type: "Feature",
      geometry: null,
      properties: {
        id: "CP-2021-SIEGE-CORDON",
        name: "Siege cordon checkpoints around Daraa al-Balad",
        kind: "checkpoint",
        count: 4,
        held_by: "Syrian government forces",
        changes: [
          { date: null, held_by: "Syrian government forces", what: "Cordon imposed with the siege (24 June 2021 per STJ; the article gives no date).", source_quote: Q.siege },
          { date: null, held_by: "None (withdrawn)", what: "Withdrawn as the siege was lifted, per SOHR: first al-Saraya, then al-Nakhlah, al-Shayyah and al-Mazare’. The article does not mention this, and the SOHR text used gives no calendar date." },
        ],
        position: "unknown",
        geo_precision: 3,
        notes: `Implied by the article (a siege imposed by security forces; roads to be reopened). SOHR names four: al-Saraya (the only passage between Daraa al-Balad and Daraa al-Mahatta), al-Nakhlah, al-Shayyah and al-Mazare’ (${SOHR_SIEGE_LIFTED}). No source found gives their positions, so they are listed, not drawn.`,
        source_quote: Q.siege,
        count_source: SOHR_SIEGE_LIFTED,
      },
    },
    {
      type: "Feature",
      geometry: balad,
      properties: {
        id: "CP-2021-BALAD-PRO-GOV",
        name: "Pro-government checkpoints established in Daraa al-Balad",
        kind: "checkpoint-area",
        count: 8,
        held_by: "None (not yet established)",
        changes: [
          { date: "2021-09-05", held_by: "Pro-government forces", what: "The 5 September agreement allowed several pro-government checkpoints to be established in Daraa al-Balad; the day they were set up is not given.", source_quote: Q.newCheckpoints },
        ],
        position: "estimate",
        geo_precision: 2,
        notes: `The article says 'several'. The count of 8 is SOHR's: military posts set up in Daraa al-Balad at al-Bahar, the outskirts of the al-Omari Mosque area, al-Abbasiyyah, al-Shallal, al-Qubbah, al-Musalah, al-Shabibah and near al-Kaziyah (${SOHR_SIEGE_LIFTED}). No source gives their coordinates, so the area drawn is the siege layer's schematic outline of the quarter.`,
        source_quote: Q.newCheckpoints,
        count_source: SOHR_SIEGE_LIFTED,
      },
    },
  ];
  return { type: "FeatureCollection", features };
}
