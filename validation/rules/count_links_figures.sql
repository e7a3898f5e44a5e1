-- rule: count_links_figures
-- checks: a count_id links at least two figures (that report the same count).
-- needs: figures
SELECT 'figures' AS table_name, f._row AS row_index, 'count_id' AS field, f.count_id AS value,
       'count_id is used by only one figure (it links figures that report the same count)' AS message
FROM (SELECT _row, count_id, count(*) OVER (PARTITION BY count_id) AS uses FROM figures) AS f
WHERE f.count_id IS NOT NULL AND f.uses < 2
