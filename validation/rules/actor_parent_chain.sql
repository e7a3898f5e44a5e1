-- rule: actor_parent_chain
-- checks: following parent_actor_id upwards never comes back to the actor: no actor is its own parent, and
--   no chain of parents loops (A's parent is B and B's parent is A). The walk pairs each actor with every actor
--   above it; an actor in a loop finds itself there, and the loop's size is the number of actors above it.
-- needs: actors
WITH RECURSIVE chain (actor_id, ancestor) AS (  -- (a null ancestor: the chain has ended)
  SELECT actor_id, parent_actor_id FROM actors
  UNION  -- (a set: each pair is added once, so a loop ends the walk)
  SELECT c.actor_id, p.parent_actor_id FROM chain AS c JOIN actors AS p ON p.actor_id = c.ancestor
)
SELECT 'actors' AS table_name, a._row AS row_index, 'parent_actor_id' AS field, a.parent_actor_id AS value,
       CASE WHEN count(*) = 1 THEN 'actor is its own parent'
            ELSE 'actor''s parent chain comes back to the actor (a cycle of ' || CAST(count(*) AS VARCHAR)
                 || ' actors)' END AS message
FROM chain AS c JOIN actors AS a ON a.actor_id = c.actor_id
WHERE c.actor_id IN (SELECT actor_id FROM chain WHERE ancestor = actor_id)
GROUP BY a._row, a.parent_actor_id
