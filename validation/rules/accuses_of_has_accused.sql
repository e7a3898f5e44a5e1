-- rule: accuses_of_has_accused
-- checks: a statement that accuses someone of an event (statement_events relation accuses_of) names whom: it has a
--   target with role accused (statement_targets); its accused_id, when given, is one of them (and only an accuses_of
--   row has one). A row whose statement is unknown is left to the foreign-key rule.
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
UNION ALL
SELECT 'statement_events', e._row, 'accused_id', e.accused_id,
       CASE WHEN e.relation <> 'accuses_of' THEN 'accused_id is given only on an accuses_of row'
            ELSE 'accused_id is not an accused target of the statement (expected a statement_targets row of '
                 || coalesce(e.statement_id, '(null)') || ' with role accused)' END
FROM statement_events AS e
WHERE e.accused_id IS NOT NULL
  AND e.statement_id IN (SELECT statement_id FROM statements)
  AND (e.relation <> 'accuses_of' OR NOT EXISTS (
    SELECT 1 FROM statement_targets AS t
    WHERE t.statement_id = e.statement_id AND t.role = 'accused' AND t.actor_id = e.accused_id
  ))
