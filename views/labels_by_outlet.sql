-- title: How each outlet names and labels each actor, in whose voice
-- description: One row per outlet, actor, kind (name = one of the actor's aliases; label = a descriptor such
--   as "takfiri terrorists"), voice (outlet = the outlet's own words, frames of statements included; quoted =
--   a speaker's words in quotation marks; paraphrase = the outlet's rendering of a speaker), whose words they are
--   and surface form, with how often the outlet's article uses it.
select
  a.outlet,
  m.actor_id,
  actor.name as actor,
  m.kind,
  m.voice,
  voiced_by.name as words_of,
  lower(m.text) as words,
  count(*) as mentions
from mentions as m
join articles as a on a.article_id = m.article_id
join actors as actor on actor.actor_id = m.actor_id
join actors as voiced_by on voiced_by.actor_id = m.voice_actor_id
group by a.outlet, m.actor_id, actor.name, m.kind, m.voice, voiced_by.name, lower(m.text)
