import type { Metadata, Viewport } from "next";
import "leaflet/dist/leaflet.css";
import "./globals.css";

export const metadata: Metadata = {
  // No title here: the page renders its own <title> (components/IncidentExplorer.tsx), which names its open
  // datasets once they are here; React keeps that one element, where a title set by hand was overwritten.
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
