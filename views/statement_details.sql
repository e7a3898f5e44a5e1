-- title: Statements with their speaker, outlet and targets
-- description: One row per statement: who said it (name, type, country; the other speakers of a joint statement), in which outlet's article and when,
--   the words, every target as "role: name", and how (mode, CAMEO, PLOVER). Full-text search covers the words.
select
  s.statement_id,
  speaker.name as speaker,
  (
    select group_concat(joint.name, '; ')
    from statement_speakers as p
    join actors as joint on joint.actor_id = p.actor_id
    where p.statement_id = s.statement_id and p.role = 'joint'
  ) as joint_speakers,
  a.outlet,
  s.date,
  s.text,
  (
    select group_concat(t.role || ': ' || target.name, '; ')
    from statement_targets as t
    join actors as target on target.actor_id = t.actor_id
    where t.statement_id = s.statement_id
  ) as targets,
  s.mode,
  s.cameo,
  s.plover,
  s.article_id,
  s.date_min,
  s.date_max,
  speaker.actor_type as speaker_type,
  speaker.country as speaker_country,
  s.speaker_id,
  s.claim_id,
  s.event_id,
  s.rowid as statement_rowid
from statements as s
join articles as a on a.article_id = s.article_id
join actors as speaker on speaker.actor_id = s.speaker_id
