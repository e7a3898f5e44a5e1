-- rule: claim_links_articles
-- checks: a claim_id links the same utterance reported by at least two articles.
-- needs: statements
SELECT 'statements' AS table_name, s._row AS row_index, 'claim_id' AS field, s.claim_id AS value,
       'claim_id is used by statements of only one article (it links the same utterance across articles)'
         AS message
FROM statements AS s
WHERE s.claim_id IN (
  SELECT claim_id FROM statements WHERE claim_id IS NOT NULL
  GROUP BY claim_id HAVING count(DISTINCT article_id) < 2
)
