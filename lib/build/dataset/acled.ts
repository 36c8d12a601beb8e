// ACLED's taxonomy (codebook 2023/2024): each event type with the sub-event types it admits. The table
// is checked against it so a typo or a sub-type filed under the wrong type fails the build.
import type { AcledEventType } from "../../incident/model";

export const SUB_EVENT_TYPES: Record<AcledEventType, readonly string[]> = {
  Battles: ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
  "Explosions/Remote violence": [
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
  ],
  "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
  Protests: ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
  Riots: ["Violent demonstration", "Mob violence"],
  "Strategic developments": [
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
  ],
};

/**
 * Whose dead a fatality count is, so itemised tolls can be set beside the infobox's three columns
 * (casualties1 = the government side, casualties2 = the rebel side, casualties3 = civilians).
 * `unknown`: no source says; `disputed`: sources put the dead on different sides (kept out of both).
 * Not an ACLED field: ACLED gives one fatality count per event.
 */
export const FATALITY_SIDES = ["government", "rebels", "civilians", "unknown", "disputed"] as const;
export type FatalitySide = (typeof FATALITY_SIDES)[number];

/** Where an event sits in the article's story; lets the app separate background from the offensive. */
export const PHASES = ["background", "offensive", "reaction"] as const;
export type Phase = (typeof PHASES)[number];
