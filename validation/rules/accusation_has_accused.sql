-- rule: accusation_has_accused
-- checks: a statement coded CAMEO 11x (disapprove: criticise, accuse, rally opposition, ...) has an `accused`
--   target, or its notes say why not in a sentence beginning "No accused target:".
-- needs: statements, statement_targets
SELECT 'statements' AS table_name, s._row AS row_index, 'cameo' AS field, s.cameo AS value,
       'a CAMEO 11x statement has no accused target (expected a statement_targets row with role accused, '
       || 'or a note "No accused target: <why>")' AS message
FROM statements AS s
WHERE s.cameo LIKE '11%'
  AND s.statement_id NOT IN (
    SELECT statement_id FROM statement_targets WHERE role = 'accused' AND statement_id IS NOT NULL
  )
  AND coalesce(s.notes, '') NOT LIKE '%No accused target:%'
