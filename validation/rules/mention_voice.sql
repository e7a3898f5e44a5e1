-- rule: mention_voice
-- checks: a mention's voice agrees with its statement and actor: the outlet's own words (voice outlet) have no
--   statement and the article's outlet as voice_actor_id; a speaker's words (quoted, paraphrase) are those of
--   their statement's speaker, inside that statement's span in the same article and, when the statement has a
--   content span (content_start, content_end), inside it, not in the outlet's attribution frame around it;
--   or, outside any statement, inside an event report of the article attributed to voice_actor_id. One query
--   per check: a mention can fail several. (A statement_id that names no statement is foreign_key's to report.)
-- for each: table in mentions, place_mentions
-- needs: {table}, statements, articles, event_reports
SELECT '{table}' AS table_name, m._row AS row_index, 'statement_id' AS field, m.statement_id AS value,
       'the outlet''s own words have no statement_id' AS message
FROM {table} AS m
WHERE m.voice = 'outlet' AND m.statement_id IS NOT NULL
UNION ALL
SELECT '{table}', m._row, 'voice_actor_id', m.voice_actor_id,
       'voice outlet: voice_actor_id must be the article''s outlet (' || coalesce(a.outlet_actor_id, '(null)') || ')'
FROM {table} AS m JOIN articles AS a ON a.article_id = m.article_id
WHERE m.voice = 'outlet' AND m.voice_actor_id IS DISTINCT FROM a.outlet_actor_id
UNION ALL
SELECT '{table}', m._row, 'statement_id', m.statement_id, 'statement of another article'
FROM {table} AS m JOIN statements AS s ON s.statement_id = m.statement_id
WHERE m.voice <> 'outlet' AND s.article_id <> m.article_id
UNION ALL
SELECT '{table}', m._row, 'voice_actor_id', m.voice_actor_id,
       'mention lies outside its statement''s span (' || coalesce(CAST(s.char_start AS VARCHAR), '(null)') || '-'
         || coalesce(CAST(s.char_end AS VARCHAR), '(null)') || ')'
FROM {table} AS m JOIN statements AS s ON s.statement_id = m.statement_id AND s.article_id = m.article_id
WHERE m.voice <> 'outlet' AND (m.char_start < s.char_start OR m.char_end > s.char_end)
UNION ALL
SELECT '{table}', m._row, 'voice', m.voice,
       'mention lies in its statement''s attribution frame, outside the speaker''s words (content '
         || coalesce(CAST(s.content_start AS VARCHAR), '(null)') || '-'
         || coalesce(CAST(s.content_end AS VARCHAR), '(null)')
         || '): the frame is the outlet''s (voice outlet), or the content span is wrong'
FROM {table} AS m JOIN statements AS s ON s.statement_id = m.statement_id AND s.article_id = m.article_id
WHERE m.voice <> 'outlet' AND m.char_start >= s.char_start AND m.char_end <= s.char_end  -- (else: the span's line)
  AND (m.char_start < s.content_start OR m.char_end > s.content_end)
UNION ALL
SELECT '{table}', m._row, 'voice_actor_id', m.voice_actor_id,
       'voice_actor_id must be the speaker of the statement (' || coalesce(s.speaker_id, '(null)') || ')'
FROM {table} AS m JOIN statements AS s ON s.statement_id = m.statement_id AND s.article_id = m.article_id
WHERE m.voice <> 'outlet' AND m.voice_actor_id IS DISTINCT FROM s.speaker_id
UNION ALL
SELECT '{table}', m._row, 'voice_actor_id', m.voice_actor_id,
       'a speaker''s words without a statement must lie in an event report attributed to voice_actor_id'
FROM {table} AS m
WHERE m.voice <> 'outlet' AND m.statement_id IS NULL AND NOT EXISTS (
  SELECT 1 FROM event_reports AS r
  WHERE r.article_id = m.article_id AND r.attributed_to = m.voice_actor_id
    AND r.char_start <= m.char_start AND m.char_end <= r.char_end)
