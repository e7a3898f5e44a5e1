-- rule: foreign_key
-- checks: every foreign key declared in schema/tables/*.yaml resolves: a non-null value of {table}.{field}
--   occurs in {target}.{target_field}.
-- for each: foreign key
-- needs: {table}, {target}
SELECT '{table}' AS table_name, t._row AS row_index, '{field}' AS field,
       CAST(t.{field} AS VARCHAR) AS value,
       'unknown reference: no {target}.{target_field} has this value' AS message
FROM {table} AS t
WHERE t.{field} IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM {target} AS r WHERE r.{target_field} = t.{field})
