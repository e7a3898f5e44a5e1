-- rule: count_figures_agree
-- checks: figures linked by a count_id count the same thing: the same measure, and the same event and counted
--   actor wherever both figures give one; and their ranges [low, high] (a null bound is open) overlap, since
--   one count cannot be both "exactly 3" and "at least 4". A pair of ranges apart is reported once, on the
--   figure whose low is above the other's high.
-- needs: figures
SELECT DISTINCT 'figures' AS table_name, f._row AS row_index, 'count_id' AS field, f.count_id AS value,
       'figures of one count_id disagree on measure, event_id or counted_actor_id (they must count the same thing)'
         AS message
FROM figures AS f JOIN figures AS g ON g.count_id = f.count_id AND g.figure_id <> f.figure_id
WHERE f.measure IS DISTINCT FROM g.measure
   OR f.event_id <> g.event_id
   OR f.counted_actor_id <> g.counted_actor_id
UNION ALL
SELECT 'figures', f._row, 'low', CAST(f.low AS VARCHAR),
       'low is above the high (' || CAST(g.high AS VARCHAR) || ') of figure ' || coalesce(g.figure_id, '(null)')
         || ' of the same count_id: the two ranges cannot both hold'
FROM figures AS f JOIN figures AS g
  ON g.count_id = f.count_id AND g._row <> f._row  -- (a figure's own low above its high: layer 1's low <= high)
WHERE f.low > g.high
