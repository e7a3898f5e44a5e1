-- rule: reported_speaker
-- checks: statement_speakers holds each statement's speaker_id once, with role `reported`, and no other
--   `reported` row (joint speakers have role `joint`).
-- needs: statements, statement_speakers
SELECT 'statements' AS table_name, s._row AS row_index, 'speaker_id' AS field, s.speaker_id AS value,
       'the statement''s speaker is not its one `reported` row in statement_speakers' AS message
FROM statements AS s
WHERE (
  SELECT count(*) FROM statement_speakers AS p
  WHERE p.statement_id = s.statement_id AND p.role = 'reported' AND p.actor_id = s.speaker_id
) <> 1
UNION ALL
SELECT 'statement_speakers', p._row, 'actor_id', p.actor_id,
       'a second `reported` speaker (the reported speaker is statements.speaker_id; others are `joint`)'
FROM statement_speakers AS p
JOIN statements AS s ON s.statement_id = p.statement_id
WHERE p.role = 'reported' AND p.actor_id <> s.speaker_id
UNION ALL
SELECT 'statement_speakers', p._row, 'actor_id', p.actor_id,
       'a speaker of the statement is also one of its `addressed` targets'
FROM statement_speakers AS p
JOIN statement_targets AS t ON t.statement_id = p.statement_id AND t.actor_id = p.actor_id
WHERE t.role = 'addressed'
