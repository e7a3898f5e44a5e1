-- rule: alias_used
-- checks: every alias of an actor is found in some article (the alias matcher makes a name mention of the
--   actor with exactly that text); an alias shared by several actors is reported by alias_shared instead.
-- needs: actor_aliases, mentions
SELECT 'actor_aliases' AS table_name, al._row AS row_index, 'alias' AS field, al.alias AS value,
       'alias occurs in no article (as a whole word, case-sensitively)' AS message
FROM actor_aliases AS al
WHERE NOT EXISTS (
        SELECT 1 FROM mentions AS m WHERE m.kind = 'name' AND m.actor_id = al.actor_id AND m.text = al.alias)
  AND NOT EXISTS (SELECT 1 FROM actor_aliases AS other WHERE other.alias = al.alias AND other._row <> al._row)
