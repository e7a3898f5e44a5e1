-- rule: statement_dates
-- checks: a statement is not dated (its date, else its date_min) after its article's published_date_max.
-- needs: statements, articles
SELECT 'statements' AS table_name, s._row AS row_index, 'date' AS field,
       CAST(CAST(coalesce(s.date, s.date_min) AS DATE) AS VARCHAR) AS value,
       'statement is dated after its article''s published_date_max' AS message
FROM statements AS s JOIN articles AS a ON a.article_id = s.article_id
WHERE coalesce(s.date, s.date_min) > a.published_date_max
