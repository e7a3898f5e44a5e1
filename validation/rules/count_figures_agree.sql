-- rule: count_figures_agree
-- checks: figures linked by a count_id count the same thing: the same measure, and the same event and counted
--   actor wherever both figures give one.
-- needs: figures
SELECT DISTINCT 'figures' AS table_name, f._row AS row_index, 'count_id' AS field, f.count_id AS value,
       'figures of one count_id disagree on measure, event_id or counted_actor_id (they must count the same thing)'
         AS message
FROM figures AS f JOIN figures AS g ON g.count_id = f.count_id AND g.figure_id <> f.figure_id
WHERE f.measure IS DISTINCT FROM g.measure
   OR f.event_id <> g.event_id
   OR f.counted_actor_id <> g.counted_actor_id
