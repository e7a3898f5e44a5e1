-- rule: text_hash
-- checks: articles.text_sha256 is the SHA-256 (lowercase hex) of the UTF-8 bytes of the article text.
--   (sha256() is DuckDB's spelling; Spark SQL writes sha2(text, 256), Trino lower(to_hex(sha256(to_utf8(text)))).)
-- needs: articles
SELECT 'articles' AS table_name, a._row AS row_index, 'text_sha256' AS field, a.text_sha256 AS value,
       'text_sha256 is not the SHA-256 of text' AS message
FROM articles AS a
WHERE a.text_sha256 IS DISTINCT FROM sha256(coalesce(a.text, ''))
