-- Up Migration
-- Was a GiST index over the PostGIS geometry and the days; now over the geometry's box
-- (1765300000000_portable-geometry.sql), which drops this one from a store made before it.
SELECT 1;

-- Down Migration
SELECT 1;
