-- rule: statement_event_evidence
-- checks: the words that say what a statement is about (statement_events) lie inside the statement's span, in
--   the statement's article: what a statement is about is what the statement says, not a neighbouring sentence.
--   A row whose statement is unknown is left to the foreign-key rule.
-- needs: statement_events, statements
SELECT 'statement_events' AS table_name, e._row AS row_index, 'char_start' AS field,
       coalesce(CAST(e.char_start AS VARCHAR), '(null)') || '-' || coalesce(CAST(e.char_end AS VARCHAR), '(null)')
         AS value,
       CASE WHEN e.article_id IS DISTINCT FROM s.article_id
              THEN 'evidence is in another article than its statement (' || coalesce(s.article_id, '(null)') || ')'
            ELSE 'evidence is not inside its statement''s span ('
                 || coalesce(CAST(s.char_start AS VARCHAR), '(null)') || '-'
                 || coalesce(CAST(s.char_end AS VARCHAR), '(null)') || ')'
       END AS message
FROM statement_events AS e JOIN statements AS s ON s.statement_id = e.statement_id
WHERE e.article_id IS DISTINCT FROM s.article_id
   OR NOT (e.char_start >= s.char_start AND e.char_end <= s.char_end)
   OR e.char_start IS NULL OR e.char_end IS NULL
