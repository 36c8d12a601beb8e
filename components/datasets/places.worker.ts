// The country of each point a dataset leaves without one, off the main thread: country-coder's borders are
// 700 kB of code and 100 000 points take most of a second (lib/analysis/country-of-point.ts).
import { countryOfPoint } from "@/lib/analysis/country-of-point";

export interface PlacesRequest {
  seq: number;
  /** Longitude, latitude, longitude, … of the points, in the order of the answer. */
  points: Float64Array;
}

export interface PlacesReply {
  seq: number;
  /** One country name (or null) for each point. */
  countries: (string | null)[];
}

self.onmessage = (e: MessageEvent<PlacesRequest>) => {
  const { seq, points } = e.data;
  const countries: (string | null)[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) countries.push(countryOfPoint([points[i], points[i + 1]]));
  (self as unknown as Worker).postMessage({ seq, countries } satisfies PlacesReply);
};
