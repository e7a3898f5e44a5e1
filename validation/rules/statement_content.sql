-- rule: statement_content
-- checks: a statement's content (content_start, content_end: the speaker's words, without the outlet's
--   attribution frame) lies inside its span, and is given exactly when the speaker is not the article's outlet
--   (the outlet's own statements are the outlet's words throughout). The voice of the mentions depends on it.
-- needs: statements, articles
SELECT 'statements' AS table_name, _row AS row_index, 'content_start' AS field, value, message
FROM (
  SELECT s._row,
         CAST(s.content_start AS VARCHAR) || '-' || CAST(s.content_end AS VARCHAR) AS value,
         CASE WHEN (s.content_start IS NULL) <> (s.content_end IS NULL)
                THEN 'content_start and content_end are given together or not at all'
              WHEN s.content_start IS NULL AND s.speaker_id <> a.outlet_actor_id
                THEN 'a statement of a speaker other than the outlet has no content span'
              WHEN s.content_start IS NOT NULL AND s.speaker_id = a.outlet_actor_id
                THEN 'the outlet''s own statement has a content span (its words are all the outlet''s)'
              WHEN s.content_start < s.char_start OR s.content_end > s.char_end OR s.content_start >= s.content_end
                THEN 'content span is not a non-empty part of the statement''s span ('
                     || coalesce(CAST(s.char_start AS VARCHAR), '(null)') || '-'
                     || coalesce(CAST(s.char_end AS VARCHAR), '(null)') || ')'
         END AS message
  FROM statements AS s LEFT JOIN articles AS a ON a.article_id = s.article_id  -- (an unknown article: its content is still checked)
) AS checked
WHERE message IS NOT NULL
