-- rule: plover_crosswalk
-- checks: the plover of a statement or an event is the one the CAMEO→PLOVER crosswalk gives its cameo code
--   (schema/codelists/cameo.csv; both null where PLOVER has no type).
-- for each: table in statements, events
-- needs: {table}
SELECT '{table}' AS table_name, t._row AS row_index, 'plover' AS field, t.plover AS value,
       'plover differs from the CAMEO→PLOVER crosswalk for this cameo code' AS message
FROM {table} AS t JOIN cameo_codes AS c ON c.code = t.cameo
WHERE t.plover IS DISTINCT FROM c.plover
