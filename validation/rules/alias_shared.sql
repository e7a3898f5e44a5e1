-- rule: alias_shared
-- checks: no surface form is the alias of two actors (the alias matcher could not tell them apart).
-- needs: actor_aliases
SELECT 'actor_aliases' AS table_name, al._row AS row_index, 'alias' AS field, al.alias AS value,
       'alias is used for several actors' AS message
FROM actor_aliases AS al
WHERE EXISTS (SELECT 1 FROM actor_aliases AS other WHERE other.alias = al.alias AND other._row <> al._row)
