// How each ACLED event type looks on the map and in the legend: a colour and a shape, so types stay
// distinguishable for colour-blind readers and in greyscale prints.
import type { EventType } from "../incident/model";

export type MarkerShape = "circle" | "square" | "diamond" | "triangle" | "star" | "hexagon";

export interface EventStyle {
  /** CSS-safe slug used in class names. */
  slug: string;
  color: string;
  shape: MarkerShape;
}

// Colours from Okabe–Ito's colour-blind-safe palette.
export const EVENT_STYLES: Record<EventType, EventStyle> = {
  Battles: { slug: "battles", color: "#D55E00", shape: "circle" },
  "Explosions/Remote violence": { slug: "explosions", color: "#CC79A7", shape: "diamond" },
  "Violence against civilians": { slug: "vac", color: "#000000", shape: "triangle" },
  Protests: { slug: "protests", color: "#0072B2", shape: "square" },
  Riots: { slug: "riots", color: "#E69F00", shape: "hexagon" },
  "Strategic developments": { slug: "strategic", color: "#009E73", shape: "star" },
};
