-- rule: span_text
-- replaces: span_text — the same rule, run by DuckDB on byte offsets. substring() counts code points from
--   the start of the article for every span; a BLOB is sliced by bytes. The engine adds each span's byte
--   offsets and its article's length in code points (_byte_start, _byte_end, _article_length: see
--   syria_offensive/validation/kernels.py); the plain rule ../span_text.sql is this one's test oracle.
-- for each: span table
-- needs: {table}, articles
WITH texts AS (SELECT article_id, encode(text) AS bytes FROM articles WHERE text IS NOT NULL),
spans AS (
  SELECT s._row, s.char_end, s.text, s.char_start < 0 OR s.char_end > s._article_length AS out_of_range,
         t.bytes[s._byte_start + 1 : s._byte_end] AS at_offsets
  FROM {table} AS s JOIN texts AS t ON t.article_id = s.article_id
  WHERE s.char_start IS NOT NULL AND s.char_end IS NOT NULL
)
SELECT '{table}' AS table_name, _row AS row_index, if(out_of_range, 'char_end', 'text') AS field,
       if(out_of_range, CAST(char_end AS VARCHAR), text) AS value,
       if(out_of_range, 'offsets are out of range of the article text',
          'text differs from articles.text[char_start:char_end]') AS message
FROM spans
WHERE out_of_range OR at_offsets <> encode(coalesce(text, ''))
