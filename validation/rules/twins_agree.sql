-- rule: twins_agree
-- checks: {table}.csv and {table}.parquet hold the same rows: matched by primary key ({key}), every other
--   cell equal; a row in one file only is reported too. Runs when both formats are validated. A key that
--   occurs more than once in either file is left out: layer 1 reports it as a duplicate primary key, and
--   matching its rows would pair each with each (spurious differences).
-- for each: table
-- needs: csv_{table}, parquet_{table}
SELECT '{table}' AS table_name, coalesce(c._row, p._row) AS row_index,
       CASE WHEN c._row IS NULL THEN '{key}' WHEN p._row IS NULL THEN '{key}' ELSE concat_ws(', ', {changed_fields}) END
         AS field,
       CASE WHEN c._row IS NULL OR p._row IS NULL THEN {key_text} ELSE concat_ws('; ', {changed_values}) END AS value,
       CASE WHEN c._row IS NULL THEN 'row is in {table}.parquet (row ' || CAST(p._row + 2 AS VARCHAR) || ') but not in {table}.csv'
            WHEN p._row IS NULL THEN 'row is in {table}.csv but not in {table}.parquet'
            ELSE 'CSV and Parquet twins differ (csv value → parquet value)' END AS message
FROM (SELECT *, count(*) OVER (PARTITION BY {key}) AS copies FROM csv_{table}) AS c
  FULL OUTER JOIN (SELECT *, count(*) OVER (PARTITION BY {key}) AS copies FROM parquet_{table}) AS p ON {key_join}
WHERE (c._row IS NULL OR p._row IS NULL OR {any_changed})
  AND coalesce(c.copies, 1) = 1 AND coalesce(p.copies, 1) = 1
