-- rule: span_text
-- replaces: span_text — the same rule, on the spans the kernel found failing. substring() counts code points
--   from the start of the article for every span (and DuckDB slices a BLOB in the time of the whole text); the
--   engine compares each span's text with the article's bytes at its offsets, a chunk of articles at a time,
--   and joins to each failing span its article's length in code points and whether its text differs
--   (_article_length, _text_differs: see news_statements/validation/kernels.py; null on the other rows). The
--   plain rule ../span_text.sql is this one's test oracle.
-- for each: span table
-- needs: {table}, articles
SELECT '{table}' AS table_name, _row AS row_index, if(out_of_range, 'char_end', 'text') AS field,
       if(out_of_range, CAST(char_end AS VARCHAR), text) AS value,
       if(out_of_range, 'offsets are out of range of the article text',
          'text differs from articles.text[char_start:char_end]') AS message
FROM (
  SELECT _row, char_end, text, char_start < 0 OR char_end > _article_length AS out_of_range, _text_differs
  FROM {table}
  WHERE _article_length IS NOT NULL
) AS spans
WHERE out_of_range OR _text_differs
