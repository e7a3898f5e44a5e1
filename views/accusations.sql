-- title: Who accused whom, of what
-- description: One row per statement and each actor it accuses (a target with role accused, whatever the
--   statement's code: its CAMEO and PLOVER are shown): the speaker, the accused, what the accused is accused of
--   (`accused_of`: the titles of the events the statement lays on this accused, statement_events relation
--   accuses_of with no accused_id or this accused's, '; '-separated; null when the text names no event), every event
--   the statement is about with its relation (`about`: 'event_id (relation)', or 'event_id (accuses_of actor_id)'
--   for an event laid on one of several accused, '; '-separated: the evidence, what it condemns, supports ...), the
--   outlet and date, and the words.
select
  s.statement_id,
  speaker.name as speaker,
  accused.name as accused,
  (
    select group_concat(title, '; ')
    from (
      select distinct ev.title
      from statement_events as e
      join events as ev on ev.event_id = e.event_id
      where e.statement_id = s.statement_id
        and e.relation = 'accuses_of'
        and (e.accused_id is null or e.accused_id = t.actor_id)
      order by ev.title
    )
  ) as accused_of,
  (
    select group_concat(event_id || ' (' || relation || coalesce(' ' || accused_id, '') || ')', '; ')
    from (
      select distinct e.event_id, e.relation, e.accused_id
      from statement_events as e
      where e.statement_id = s.statement_id
      order by e.event_id, e.relation
    )
  ) as about,
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
