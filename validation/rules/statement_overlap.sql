-- rule: statement_overlap
-- checks: two statements of one article whose spans overlap are an error (a range join of mentions against
--   statements would credit the words to both) unless one lies wholly inside the other and is nested in it
--   on purpose: its `nested_in` names the outer one, directly or through a chain of nested statements. A
--   statement's `nested_in` names another statement of the same article that holds its whole span, and the
--   chain of nested_in ends (no cycle: a nested in b nested in a). A pair is reported once, on the inner
--   statement (the later start; on the same start, the shorter span); a cycle once per statement in it.
-- needs: statements
WITH RECURSIVE outer_of (statement_id, nested_in) AS (  -- (a key given twice, layer 1's: its first nested_in)
  SELECT statement_id, min(nested_in) FROM statements WHERE nested_in IS NOT NULL GROUP BY statement_id
), nesting (statement_id, outer_id, steps) AS (  -- each statement with every statement it is nested in
  SELECT statement_id, nested_in, 1 FROM outer_of
  UNION ALL  -- (a walk ends where the chain does, or back at its statement; one that only leads into a cycle
             --  after as many steps as there are nested statements. Not UNION: Spark SQL runs it too.)
  SELECT n.statement_id, o.nested_in, n.steps + 1 FROM nesting AS n JOIN outer_of AS o ON o.statement_id = n.outer_id
  WHERE n.outer_id <> n.statement_id AND n.steps < (SELECT count(*) FROM outer_of)
)
SELECT 'statements' AS table_name, b._row AS row_index, 'char_start' AS field,
       CAST(b.char_start AS VARCHAR) || '-' || CAST(b.char_end AS VARCHAR) AS value,
       'span overlaps statement ' || coalesce(a.statement_id, '(null)') || ' (' || CAST(a.char_start AS VARCHAR)
         || '-' || CAST(a.char_end AS VARCHAR) || '): trim the span that is wrong, or mark the inner one'
         || ' nested_in the outer (with a note saying why)' AS message
FROM statements AS a JOIN statements AS b
  ON a.article_id = b.article_id AND a.char_start < b.char_end AND b.char_start < a.char_end
 -- each pair once, reported on the inner one (the later start; on the same start the shorter span)
 AND (b.char_start > a.char_start OR (b.char_start = a.char_start
      AND (b.char_end < a.char_end OR (b.char_end = a.char_end AND b._row > a._row))))
WHERE NOT (b.char_start >= a.char_start AND b.char_end <= a.char_end
           AND EXISTS (SELECT 1 FROM nesting AS n WHERE n.statement_id = b.statement_id AND n.outer_id = a.statement_id))
  AND NOT (a.char_start >= b.char_start AND a.char_end <= b.char_end
           AND EXISTS (SELECT 1 FROM nesting AS n WHERE n.statement_id = a.statement_id AND n.outer_id = b.statement_id))
UNION ALL
SELECT 'statements' AS table_name, s._row AS row_index, 'nested_in' AS field, s.nested_in AS value,
       CASE WHEN s.nested_in = s.statement_id THEN 'statement is nested in itself'
            WHEN o.article_id IS DISTINCT FROM s.article_id THEN 'statement is nested in a statement of another article'
            ELSE 'statement is nested in a statement whose span does not hold it ('
                 || coalesce(CAST(o.char_start AS VARCHAR), '(null)') || '-'
                 || coalesce(CAST(o.char_end AS VARCHAR), '(null)') || ')' END AS message
FROM statements AS s JOIN statements AS o ON o.statement_id = s.nested_in
WHERE s.nested_in = s.statement_id OR o.article_id IS DISTINCT FROM s.article_id
   OR s.char_start < o.char_start OR s.char_end > o.char_end
UNION ALL
SELECT 'statements' AS table_name, s._row AS row_index, 'nested_in' AS field, s.nested_in AS value,
       'statement''s chain of nested_in comes back to the statement (a cycle of ' || CAST(n.steps AS VARCHAR)
         || ' statements)' AS message
FROM nesting AS n JOIN statements AS s ON s.statement_id = n.statement_id
WHERE n.outer_id = n.statement_id AND s.nested_in <> s.statement_id  -- (nested in itself: reported above)
