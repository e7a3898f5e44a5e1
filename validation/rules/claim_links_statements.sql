-- rule: claim_links_statements
-- checks: a claim_id links at least two statements: one act of saying reported by several articles, or
--   twice in one article (a lede and its body).
-- needs: statements
SELECT 'statements' AS table_name, s._row AS row_index, 'claim_id' AS field, s.claim_id AS value,
       'claim_id is used by only one statement (it links the reports of one act of saying)' AS message
FROM (SELECT _row, claim_id, count(*) OVER (PARTITION BY claim_id) AS uses FROM statements) AS s
WHERE s.claim_id IS NOT NULL AND s.uses < 2
