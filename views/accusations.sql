-- title: Who accused whom
-- description: One row per statement and each actor it accuses (a target with role accused, whatever the
--   statement's code: its CAMEO and PLOVER are shown): the speaker, the accused, what the statement is about
--   (`about`: the ids of the events it names, from statement_events, '; '-separated; null when the text names
--   none), the outlet and date, and the words.
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
  t.actor_id as accused_id,
  (
    select group_concat(event_id, '; ')
    from (select distinct event_id from statement_events as e where e.statement_id = s.statement_id order by event_id)
  ) as about
from statements as s
join statement_targets as t on t.statement_id = s.statement_id and t.role = 'accused'
join articles as a on a.article_id = s.article_id
join actors as speaker on speaker.actor_id = s.speaker_id
join actors as accused on accused.actor_id = t.actor_id
