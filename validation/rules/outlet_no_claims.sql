-- rule: outlet_no_claims
-- checks: a statement in the article's own voice (its speaker is the article's outlet) has no statement_events row
--   with relation claims: the outlet's own narration of an event is an event report (event_reports), not a side's
--   account. Its other relations (accuses_of, concerns ...) are allowed.
-- needs: statement_events, statements, articles
SELECT 'statement_events' AS table_name, e._row AS row_index, 'relation' AS field, e.relation AS value,
       'the statement is the outlet''s own narration (speaker ' || s.speaker_id || '), so its account of the event '
         || 'is an event report, not a claims row' AS message
FROM statement_events AS e
JOIN statements AS s ON s.statement_id = e.statement_id
JOIN articles AS a ON a.article_id = s.article_id
WHERE e.relation = 'claims'
  AND s.speaker_id = a.outlet_actor_id
