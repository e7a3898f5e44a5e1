-- title: Events with their place and the articles that report them
-- description: One row per event: type, codes, start and end bounds (end null: ongoing or unknown), the place
--   (name and coordinates, when known; no coordinates for an event placed only at a whole country, so that the
--   map does not show it at the country's point: places has them), how many articles report it and which.
select
  e.event_id,
  e.title,
  e.event_type,
  e.cameo,
  e.plover,
  e.start_date,
  e.start_min,
  e.start_max,
  e.start_basis,
  e.end_date,
  e.end_min,
  e.end_max,
  e.end_basis,
  p.name as place,
  case when p.coordinate_precision = 'country' then null else p.latitude end as latitude,
  case when p.coordinate_precision = 'country' then null else p.longitude end as longitude,
  p.coordinate_precision,
  (select count(distinct r.article_id) from event_reports as r where r.event_id = e.event_id) as articles,
  (
    select group_concat(article_id, '; ')
    from (select distinct article_id from event_reports as r where r.event_id = e.event_id order by article_id)
  ) as reported_by,
  e.description
from events as e
left join places as p on p.place_id = e.place_id
