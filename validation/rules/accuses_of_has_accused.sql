-- rule: accuses_of_has_accused
-- checks: a statement that accuses someone of an event (statement_events relation accuses_of) names whom: it has a
--   target with role accused (statement_targets). A row whose statement is unknown is left to the foreign-key rule.
-- needs: statement_events, statements, statement_targets
SELECT 'statement_events' AS table_name, e._row AS row_index, 'relation' AS field, e.relation AS value,
       'the statement accuses someone of the event but has no accused target (expected a statement_targets row '
         || 'of ' || coalesce(e.statement_id, '(null)') || ' with role accused)' AS message
FROM statement_events AS e
WHERE e.relation = 'accuses_of'
  AND e.statement_id IN (SELECT statement_id FROM statements)
  AND NOT EXISTS (
    SELECT 1 FROM statement_targets AS t WHERE t.statement_id = e.statement_id AND t.role = 'accused'
  )
