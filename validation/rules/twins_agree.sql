-- rule: twins_agree
-- checks: {table}.csv and {table}.parquet hold the same rows: matched by primary key ({key}), every other
--   cell equal; a row in one file only is reported too. Runs when both formats are validated. A key that
--   occurs more than once is not matched row by row (its rows would pair each with each: spurious differences):
--   as often in both files, the Parquet copy's layer 1 reports it as a duplicate primary key; a different number
--   of times in the two files, it is reported here, with how often it occurs in each.
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
UNION ALL
SELECT '{table}' AS table_name, c._row AS row_index, '{key}' AS field, {key_text} AS value,
       'key occurs ' || CAST(c.copies AS VARCHAR) || ' times in {table}.csv and ' || CAST(coalesce(p.copies, 0) AS VARCHAR)
         || ' in {table}.parquet' AS message
FROM (SELECT *, count(*) OVER (PARTITION BY {key}) AS copies FROM csv_{table}) AS c
  LEFT JOIN (SELECT {key}, count(*) AS copies FROM parquet_{table} GROUP BY {key}) AS p ON {key_join}
WHERE c.copies > 1 AND c.copies <> coalesce(p.copies, 0)
UNION ALL
SELECT '{table}' AS table_name, p._row AS row_index, '{key}' AS field, {key_text} AS value,
       'key occurs ' || CAST(p.copies AS VARCHAR) || ' times in {table}.parquet (row ' || CAST(p._row + 2 AS VARCHAR)
         || ') and ' || CAST(coalesce(c.copies, 0) AS VARCHAR) || ' in {table}.csv' AS message
FROM (SELECT *, count(*) OVER (PARTITION BY {key}) AS copies FROM parquet_{table}) AS p
  LEFT JOIN (SELECT {key}, count(*) AS copies FROM csv_{table} GROUP BY {key}) AS c ON {key_join}
WHERE p.copies > 1 AND p.copies <> coalesce(c.copies, 0)
