-- Up Migration
-- Less work per saved row, the same answers (bench/db.bench.ts: a 100k save spent most of its server time
-- keeping indexes and the geom column).
-- One GiST index over the box and the days instead of two: its first column alone serves a bbox-only
-- read as the box's own index did. Undated incidents are in it too, their days the unbounded range, so a
-- read that includes them still uses it; the reads keep their own event_date tests (lib/db/incidents.ts).
DROP INDEX incidents_bounds;
DROP INDEX incidents_bounds_days;
CREATE INDEX incidents_bounds_days ON incidents USING gist (bounds, daterange(event_date, coalesce(event_date_end, event_date), '[]'));

-- Where the table has PostGIS's geom (1765300000000_portable-geometry.sql), a Point's is made from its
-- stored position instead of parsing the feature's text twice (json's -> and ST_GeomFromGeoJSON): the
-- same doubles, which lnglat holds exactly as the GeoJSON wrote them.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'incidents'::regclass AND attname = 'geom' AND NOT attisdropped) THEN
    ALTER TABLE incidents DROP COLUMN geom;
    EXECUTE 'ALTER TABLE incidents ADD COLUMN geom geometry (Geometry, 4326) NOT NULL GENERATED ALWAYS AS (CASE
        WHEN lnglat IS NOT NULL THEN ST_SetSRID(ST_MakePoint(lnglat[0], lnglat[1]), 4326)
        ELSE ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(feature -> ''geometry''), 4326)) END) STORED';
    EXECUTE 'CREATE INDEX incidents_geom ON incidents USING gist (geom)';
  END IF;
END
$$;

-- Down Migration
DROP INDEX incidents_bounds_days;
CREATE INDEX incidents_bounds ON incidents USING gist (bounds);
CREATE INDEX incidents_bounds_days ON incidents USING gist (bounds, daterange(event_date, coalesce(event_date_end, event_date), '[]'))
  WHERE event_date IS NOT NULL;
