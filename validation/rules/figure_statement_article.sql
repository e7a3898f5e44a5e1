-- rule: figure_statement_article
-- checks: a figure that points to a statement is in that statement's article.
-- needs: figures, statements
SELECT 'figures' AS table_name, f._row AS row_index, 'statement_id' AS field, f.statement_id AS value,
       'figure points to a statement of another article' AS message
FROM figures AS f JOIN statements AS s ON s.statement_id = f.statement_id
WHERE s.article_id IS DISTINCT FROM f.article_id
