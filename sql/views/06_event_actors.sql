-- event_actors: which series an event counts for (columns as the former table): the stored rows of events with
-- several armed groups (event_groups), and for every other event the one row its names imply (its primary actor's
-- series, when the actor is an armed group).
create or replace view event_actors as
select g.event_id, g.series_id, g.actor, g.actor_family, g.role, g.id_key
from event_groups as g
union all
select e.event_id, n.series_id, n.actor, n.actor_family, 'actor' as role, e.id_key
from event_rows as e
join event_names as n on n.name_id = e.name_id
where not e.groups and n.series_id is not null;
