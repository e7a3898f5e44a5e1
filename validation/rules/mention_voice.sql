-- rule: mention_voice
-- checks: a mention's voice agrees with its statement and actor: the outlet's own words (voice outlet) have no
--   statement and the article's outlet as voice_actor_id; a speaker's words (quoted, paraphrase) are those of
--   their statement's speaker, inside that statement's span in the same article, or, outside any statement,
--   inside an event report of the article attributed to voice_actor_id.
-- for each: table in mentions, place_mentions
-- needs: {table}, statements, articles, event_reports
SELECT '{table}' AS table_name, _row AS row_index, field, value, message
FROM (
  SELECT m._row,
         CASE WHEN m.voice = 'outlet' AND m.statement_id IS NOT NULL THEN 'statement_id'
              WHEN m.voice <> 'outlet' AND m.statement_id IS NOT NULL
                   AND (s.article_id IS NOT NULL AND s.article_id <> m.article_id) THEN 'statement_id'
              ELSE 'voice_actor_id' END AS field,
         CASE WHEN m.voice = 'outlet' AND m.statement_id IS NOT NULL THEN m.statement_id
              WHEN m.voice <> 'outlet' AND m.statement_id IS NOT NULL
                   AND (s.article_id IS NOT NULL AND s.article_id <> m.article_id) THEN m.statement_id
              ELSE m.voice_actor_id END AS value,
         CASE WHEN m.voice = 'outlet' AND m.statement_id IS NOT NULL
                THEN 'the outlet''s own words have no statement_id'
              WHEN m.voice = 'outlet' AND m.voice_actor_id IS DISTINCT FROM a.outlet_actor_id
                THEN 'voice outlet: voice_actor_id must be the article''s outlet (' || a.outlet_actor_id || ')'
              WHEN m.voice = 'outlet' THEN NULL
              WHEN m.statement_id IS NOT NULL AND s.statement_id IS NULL THEN NULL
              WHEN m.statement_id IS NOT NULL AND s.article_id <> m.article_id
                THEN 'statement of another article'
              WHEN m.statement_id IS NOT NULL AND (m.char_start < s.char_start OR m.char_end > s.char_end)
                THEN 'mention lies outside its statement''s span (' || CAST(s.char_start AS VARCHAR) || '-'
                     || CAST(s.char_end AS VARCHAR) || ')'
              WHEN m.statement_id IS NOT NULL AND m.voice_actor_id IS DISTINCT FROM s.speaker_id
                THEN 'voice_actor_id must be the speaker of the statement (' || s.speaker_id || ')'
              WHEN m.statement_id IS NULL AND NOT EXISTS (
                     SELECT 1 FROM event_reports AS r
                     WHERE r.article_id = m.article_id AND r.attributed_to = m.voice_actor_id
                       AND r.char_start <= m.char_start AND m.char_end <= r.char_end)
                THEN 'a speaker''s words without a statement must lie in an event report attributed to voice_actor_id'
         END AS message
  FROM {table} AS m
  JOIN articles AS a ON a.article_id = m.article_id
  LEFT JOIN statements AS s ON s.statement_id = m.statement_id
) AS checked
WHERE message IS NOT NULL
