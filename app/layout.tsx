import type { Metadata, Viewport } from "next";
import "leaflet/dist/leaflet.css";
import "./globals.css";

export const metadata: Metadata = {
  title: "2021 Daraa offensive — incident map",
  description: "Reported incidents of the 2021 Daraa offensive (29 July – 5 September 2021) as GeoJSON on a map, each traced to its source sentence.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
