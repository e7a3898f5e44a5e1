-- rule: mention_voice
-- checks: a mention's voice agrees with its statement and actor: the outlet's own words (voice outlet) have no
--   statement and the article's outlet as voice_actor_id; a speaker's words (quoted, paraphrase) are those of
--   their statement's speaker, inside that statement's span in the same article and, when the statement has a
--   content span (content_start, content_end), inside it, not in the outlet's attribution frame around it;
--   or, outside any statement, inside an event report of the article attributed to voice_actor_id. One pass
--   over the mentions, each joined once to its article and its statement, crossed with the six checks (a mention
--   can fail several), and one anti-join to the event reports for words without a statement. (A statement_id that names no statement is foreign_key's to report.)
-- for each: table in mentions, place_mentions
-- needs: {table}, statements, articles, event_reports
WITH m AS (
  SELECT m._row, m.voice, m.statement_id, m.voice_actor_id, m.char_start, m.char_end,
         a.article_id IS NOT NULL AS article_known, a.outlet_actor_id,
         s.statement_id IS NOT NULL AND s.article_id <> m.article_id AS other_article,
         s.statement_id IS NOT NULL AND s.article_id = m.article_id AS same_article,
         s.char_start AS s_start, s.char_end AS s_end, s.content_start, s.content_end, s.speaker_id
  FROM {table} AS m
    LEFT JOIN articles AS a ON a.article_id = m.article_id
    LEFT JOIN statements AS s ON s.statement_id = m.statement_id
)
SELECT '{table}' AS table_name, _row AS row_index,
       CASE WHEN c.n IN (1, 3) THEN 'statement_id' WHEN c.n = 5 THEN 'voice' ELSE 'voice_actor_id' END AS field,
       CASE WHEN c.n IN (1, 3) THEN statement_id WHEN c.n = 5 THEN voice ELSE voice_actor_id END AS value,
       CASE c.n
         WHEN 1 THEN 'the outlet''s own words have no statement_id'
         WHEN 2 THEN 'voice outlet: voice_actor_id must be the article''s outlet (' || coalesce(outlet_actor_id, '(null)') || ')'
         WHEN 3 THEN 'statement of another article'
         WHEN 4 THEN 'mention lies outside its statement''s span (' || coalesce(CAST(s_start AS VARCHAR), '(null)') || '-'
           || coalesce(CAST(s_end AS VARCHAR), '(null)') || ')'
         WHEN 5 THEN 'mention lies in its statement''s attribution frame, outside the speaker''s words (content '
           || coalesce(CAST(content_start AS VARCHAR), '(null)') || '-' || coalesce(CAST(content_end AS VARCHAR), '(null)')
           || '): the frame is the outlet''s (voice outlet), or the content span is wrong'
         ELSE 'voice_actor_id must be the speaker of the statement (' || coalesce(speaker_id, '(null)') || ')'
       END AS message
FROM m CROSS JOIN (VALUES (1), (2), (3), (4), (5), (6)) AS c(n)
WHERE CASE c.n
  WHEN 1 THEN voice = 'outlet' AND statement_id IS NOT NULL
  WHEN 2 THEN voice = 'outlet' AND article_known AND voice_actor_id IS DISTINCT FROM outlet_actor_id
  WHEN 3 THEN voice <> 'outlet' AND other_article
  WHEN 4 THEN voice <> 'outlet' AND same_article AND (char_start < s_start OR char_end > s_end)
  WHEN 5 THEN voice <> 'outlet' AND same_article AND char_start >= s_start AND char_end <= s_end  -- (else: 4)
    AND (char_start < content_start OR char_end > content_end)
  ELSE voice <> 'outlet' AND same_article AND voice_actor_id IS DISTINCT FROM speaker_id
END
UNION ALL
SELECT '{table}', m._row, 'voice_actor_id', m.voice_actor_id,
       'a speaker''s words without a statement must lie in an event report attributed to voice_actor_id'
FROM {table} AS m
WHERE m.voice <> 'outlet' AND m.statement_id IS NULL AND NOT EXISTS (
  SELECT 1 FROM event_reports AS r
  WHERE r.article_id = m.article_id AND r.attributed_to = m.voice_actor_id
    AND r.char_start <= m.char_start AND m.char_end <= r.char_end)
