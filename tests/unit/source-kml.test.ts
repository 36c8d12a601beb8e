// KML → Source: Placemarks as features with name, description and ExtendedData as columns; DOCTYPE and
// entity declarations refused before parsing.
import { describe, expect, it } from "vitest";
import { readSource } from "@/lib/import/source";

const utf8 = (s: string) => new TextEncoder().encode(s);
const MY_MAPS = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
  <Document>
    <name>Incidents</name>
    <Style id="icon-1899-0288D1"><IconStyle><scale>1</scale></IconStyle></Style>
    <Folder>
      <name>Layer 1</name>
      <Placemark>
        <name>Shelling in Tafas</name>
        <description><![CDATA[<b>2021-08-01</b> artillery]]></description>
        <styleUrl>#icon-1899-0288D1</styleUrl>
        <ExtendedData>
          <Data name="date"><value>2021-08-01</value></Data>
          <Data name="fatalities"><value>2</value></Data>
        </ExtendedData>
        <Point><coordinates>35.9736,32.7366,0</coordinates></Point>
      </Placemark>
      <Placemark>
        <name>Road closed</name>
        <ExtendedData><SchemaData schemaUrl="#s"><SimpleField name="x"/><SimpleData name="source">SOHR</SimpleData></SchemaData></ExtendedData>
        <LineString><coordinates>36.0,32.6 36.1,32.7</coordinates></LineString>
      </Placemark>
      <Placemark><name>No place yet</name></Placemark>
    </Folder>
  </Document>
</kml>`;

describe("readSource: KML", () => {
  it("reads Google My Maps placemarks: name, description, ExtendedData as columns, styles left out", () => {
    const s = readSource(utf8(MY_MAPS), "incidents.kml");
    expect(s).toMatchObject({ format: "kml", hasGeometry: true, totalHint: 3 });
    expect(s.columns).toEqual(expect.arrayContaining(["name", "description", "date", "fatalities", "source"]));
    expect(s.columns).not.toContain("styleUrl");
    const col = (name: string, row: number) => s.sample[row].values[s.columns.indexOf(name)];
    expect(col("name", 0)).toBe("Shelling in Tafas");
    expect(col("description", 0)).toBe("<b>2021-08-01</b> artillery");
    expect(col("date", 0)).toBe("2021-08-01");
    expect(col("source", 1)).toBe("SOHR");
    expect(s.sample.map((r) => r.geometry?.type ?? null)).toEqual(["Point", "LineString", null]);
    expect(s.sample[0].geometry).toEqual({ type: "Point", coordinates: [35.9736, 32.7366, 0] });
    expect(s.warnings.join("\n")).toMatch(/styles/);
  });
  it("is sniffed from <?xml or <kml when the name does not say", () => {
    expect(readSource(utf8(MY_MAPS), "download").format).toBe("kml");
  });
  it("refuses a DOCTYPE or entity declaration (XXE, billion laughs) before parsing", () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]><kml><Placemark><name>&x;</name></Placemark></kml>`;
    expect(() => readSource(utf8(xxe), "x.kml")).toThrow(/^file: .*DOCTYPE or entities/);
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><kml/>`;
    expect(() => readSource(utf8(laughs), "x.kml")).toThrow(/DOCTYPE or entities/);
  });
  it("refuses XML that is not KML, malformed XML and a KML without placemarks", () => {
    expect(() => readSource(utf8(`<?xml version="1.0"?><gpx></gpx>`), "x.kml")).toThrow(/not KML/);
    expect(() => readSource(utf8(`<kml><Placemark></kml>`), "x.kml")).toThrow(/not well-formed/);
    expect(() => readSource(utf8(`<kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>`), "x.kml")).toThrow(/no Placemarks/);
  });
});
