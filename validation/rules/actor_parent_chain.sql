-- rule: actor_parent_chain
-- checks: following parent_actor_id upwards never comes back to the actor: no actor is its own parent, and
--   no chain of parents loops (A's parent is B and B's parent is A). Each step of the walk goes one parent
--   up; a walk stops when it is back at its start or longer than there are actors.
-- needs: actors
WITH RECURSIVE chain (actor_id, ancestor, steps) AS (
  SELECT actor_id, parent_actor_id, 1 FROM actors WHERE parent_actor_id IS NOT NULL
  UNION ALL
  SELECT c.actor_id, p.parent_actor_id, c.steps + 1
  FROM chain AS c JOIN actors AS p ON p.actor_id = c.ancestor
  WHERE p.parent_actor_id IS NOT NULL AND c.ancestor <> c.actor_id
    AND c.steps < (SELECT count(*) FROM actors)
)
SELECT 'actors' AS table_name, a._row AS row_index, 'parent_actor_id' AS field, a.parent_actor_id AS value,
       CASE WHEN min(c.steps) = 1 THEN 'actor is its own parent'
            ELSE 'actor''s parent chain comes back to the actor (a cycle of ' || CAST(min(c.steps) AS VARCHAR)
                 || ' actors)' END AS message
FROM chain AS c JOIN actors AS a ON a.actor_id = c.actor_id
WHERE c.ancestor = c.actor_id
GROUP BY a._row, a.parent_actor_id
