-- rule: span_text
-- checks: a span's text is the article text at its offsets, articles.text[char_start:char_end] in Python's
--   terms (code points, counted from 0, end excluded); offsets past the end of the text are out of range.
--   A span whose article is unknown is left to the foreign-key rule.
-- for each: span table
-- needs: {table}, articles
WITH located AS (
  SELECT s._row, s.char_start, s.char_end, s.text, a.text AS article_text, length(a.text) AS article_length
  FROM {table} AS s JOIN articles AS a ON a.article_id = s.article_id
  WHERE s.char_start IS NOT NULL AND s.char_end IS NOT NULL AND a.text IS NOT NULL
)
SELECT '{table}' AS table_name, _row AS row_index,
       CASE WHEN out_of_range THEN 'char_end' ELSE 'text' END AS field,
       CASE WHEN out_of_range THEN CAST(char_end AS VARCHAR) ELSE text END AS value,
       CASE WHEN out_of_range THEN 'offsets are out of range of the article text'
            ELSE 'text differs from articles.text[char_start:char_end]' END AS message
FROM (
  SELECT _row, char_start, char_end, text,
         char_start < 0 OR char_end > article_length AS out_of_range,
         substring(article_text, char_start + 1,
                   greatest(CASE WHEN char_end < 0 THEN char_end + article_length ELSE char_end END - char_start, 0))
           AS at_offsets
  FROM located
) AS spans
WHERE out_of_range OR at_offsets <> coalesce(text, '')
