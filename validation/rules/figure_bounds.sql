-- rule: figure_bounds
-- checks: a figure's value, low and high follow its qualifier (curation/README.md, "Figures"; bounds are
--   inclusive): exact low = value = high; at least low = value; more than low = value + 1; nearly
--   high = value - 1; about no bounds; vague plural no value, a low bound and no high; range no value, both
--   bounds. Any other bound is open (null).
-- needs: figures
SELECT 'figures' AS table_name, f._row AS row_index, 'qualifier' AS field,
       CAST(f.qualifier AS VARCHAR) || ': value ' || coalesce(CAST(f.value AS VARCHAR), 'null') || ', low '
         || coalesce(CAST(f.low AS VARCHAR), 'null') || ', high ' || coalesce(CAST(f.high AS VARCHAR), 'null')
         AS value,
       'value, low and high do not follow the qualifier (curation/README.md, Figures)' AS message
FROM figures AS f
WHERE NOT coalesce(
  CASE CAST(f.qualifier AS VARCHAR)
    WHEN 'exact' THEN f.value IS NOT NULL AND f.low = f.value AND f.high = f.value
    WHEN 'at least' THEN f.value IS NOT NULL AND f.low = f.value AND f.high IS NULL
    WHEN 'more than' THEN f.value IS NOT NULL AND f.low = f.value + 1 AND f.high IS NULL
    WHEN 'nearly' THEN f.value IS NOT NULL AND f.low IS NULL AND f.high = f.value - 1
    WHEN 'about' THEN f.value IS NOT NULL AND f.low IS NULL AND f.high IS NULL
    WHEN 'vague plural' THEN f.value IS NULL AND f.low IS NOT NULL AND f.high IS NULL
    WHEN 'range' THEN f.value IS NULL AND f.low IS NOT NULL AND f.high IS NOT NULL
    ELSE TRUE
  END, FALSE)
