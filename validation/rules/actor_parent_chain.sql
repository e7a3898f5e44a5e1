-- rule: actor_parent_chain
-- checks: following parent_actor_id upwards never comes back to the actor: no actor is its own parent, and
--   no chain of parents loops (A's parent is B and B's parent is A). The walk follows each actor's parents one
--   step at a time and stops when it comes back to the actor: the number of steps is the loop's size.
-- needs: actors
WITH RECURSIVE parent (actor_id, parent_actor_id) AS (  -- (a key given twice, layer 1's: its first parent)
  SELECT actor_id, min(parent_actor_id) FROM actors WHERE parent_actor_id IS NOT NULL GROUP BY actor_id
), chain (actor_row, actor_id, ancestor, steps) AS (
  SELECT _row, actor_id, parent_actor_id, 1 FROM actors WHERE parent_actor_id IS NOT NULL
  UNION ALL  -- (not a set UNION, which Spark SQL rejects here: a walk that only leads into a loop stops after as
             --  many steps as there are parents, which no chain without a loop exceeds)
  SELECT c.actor_row, c.actor_id, p.parent_actor_id, c.steps + 1
  FROM chain AS c JOIN parent AS p ON p.actor_id = c.ancestor
  WHERE c.ancestor <> c.actor_id AND c.steps < (SELECT count(*) FROM parent)
)
SELECT 'actors' AS table_name, a._row AS row_index, 'parent_actor_id' AS field, a.parent_actor_id AS value,
       CASE WHEN c.steps = 1 THEN 'actor is its own parent'
            ELSE 'actor''s parent chain comes back to the actor (a cycle of ' || CAST(c.steps AS VARCHAR)
                 || ' actors)' END AS message
FROM chain AS c JOIN actors AS a ON a._row = c.actor_row
WHERE c.ancestor = c.actor_id
