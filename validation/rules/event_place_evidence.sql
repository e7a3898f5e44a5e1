-- rule: event_place_evidence
-- checks: the words that place an event (event_places) name the place: a place mention of that place lies inside
--   the span, in the same article; and that article reports the event (an event_reports row of the event in it).
--   A row whose event, place or article is unknown is left to the foreign-key rule.
-- needs: event_places, place_mentions, event_reports, events, places, articles
SELECT 'event_places' AS table_name, e._row AS row_index, field, value, message
FROM (
  SELECT e._row, 'place_id' AS field, e.place_id AS value,
         'the evidence holds no place mention of this place (expected a place_mentions row of it inside '
           || coalesce(CAST(e.char_start AS VARCHAR), '(null)') || '-'
           || coalesce(CAST(e.char_end AS VARCHAR), '(null)') || ' of ' || coalesce(e.article_id, '(null)') || ')'
           AS message
  FROM event_places AS e
  WHERE e.place_id IN (SELECT place_id FROM places) AND e.article_id IN (SELECT article_id FROM articles)
    AND NOT EXISTS (
      SELECT 1 FROM place_mentions AS m
      WHERE m.article_id = e.article_id AND m.place_id = e.place_id
        AND m.char_start >= e.char_start AND m.char_end <= e.char_end
    )
  UNION ALL
  SELECT e._row, 'article_id' AS field, e.article_id AS value,
         'the article does not report the event (expected an event_reports row of ' || coalesce(e.event_id, '(null)')
           || ' in it)' AS message
  FROM event_places AS e
  WHERE e.event_id IN (SELECT event_id FROM events) AND e.article_id IN (SELECT article_id FROM articles)
    AND NOT EXISTS (SELECT 1 FROM event_reports AS r WHERE r.event_id = e.event_id AND r.article_id = e.article_id)
) AS e
