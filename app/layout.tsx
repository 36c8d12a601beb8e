import type { Metadata, Viewport } from "next";
import "leaflet/dist/leaflet.css";
import "./globals.css";

export const metadata: Metadata = {
  // The page names its open datasets once they are here (components/IncidentExplorer.tsx).
  title: "Incident map",
  description: "Reported incidents on a map, each traced to its source sentence: open a dataset, or import your own.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
