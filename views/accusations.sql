-- title: Who accused whom
-- description: One row per statement and each actor it accuses (a target with role accused, whatever the
--   statement's code: its CAMEO and PLOVER are shown): the speaker, the accused, the outlet and date, and
--   the words.
select
  s.statement_id,
  speaker.name as speaker,
  accused.name as accused,
  a.outlet,
  s.article_id,
  s.date,
  s.date_min,
  s.date_max,
  s.cameo,
  s.plover,
  s.text,
  s.speaker_id,
  t.actor_id as accused_id
from statements as s
join statement_targets as t on t.statement_id = s.statement_id and t.role = 'accused'
join articles as a on a.article_id = s.article_id
join actors as speaker on speaker.actor_id = s.speaker_id
join actors as accused on accused.actor_id = t.actor_id
