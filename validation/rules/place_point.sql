-- rule: place_point
-- checks: a place has a point (latitude and longitude) or a note saying why it has none. (That latitude,
--   longitude, coordinate_precision and coordinate_basis are given together is a row rule of layer 1.)
-- needs: places
SELECT 'places' AS table_name, p._row AS row_index, 'notes' AS field, p.notes AS value,
       'place has no point (latitude, longitude) and no note saying why' AS message
FROM places AS p
WHERE (p.latitude IS NULL OR p.longitude IS NULL)
  AND (p.notes IS NULL OR trim(p.notes) = '')
