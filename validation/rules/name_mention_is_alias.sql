-- rule: name_mention_is_alias
-- checks: a mention of kind `name` quotes an alias of its actor (labels are free descriptors).
-- needs: mentions, actor_aliases
SELECT 'mentions' AS table_name, m._row AS row_index, 'text' AS field, m.text AS value,
       'name mention is not an alias of its actor' AS message
FROM mentions AS m
WHERE m.kind = 'name'
  AND NOT EXISTS (SELECT 1 FROM actor_aliases AS al WHERE al.actor_id = m.actor_id AND al.alias = m.text)
