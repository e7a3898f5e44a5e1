-- title: How each outlet names and labels each actor
-- description: One row per outlet, actor, kind (name = one of the actor's aliases; label = a descriptor such
--   as "takfiri terrorists") and surface form, with how often the outlet's article uses it. The voice of each
--   mention (the outlet's own words or a speaker's) is not yet recorded (data model 1.0).
select
  a.outlet,
  m.actor_id,
  actor.name as actor,
  m.kind,
  lower(m.text) as words,
  count(*) as mentions
from mentions as m
join articles as a on a.article_id = m.article_id
join actors as actor on actor.actor_id = m.actor_id
group by a.outlet, m.actor_id, actor.name, m.kind, lower(m.text)
