-- Coverage (建会率, 入会率): what the membership data offers the statistics, as views. The
-- coverage module (and later the cockpit) reads only these, never employer or member directly.

-- One row per employer: where it sits in the tree, whether it is unionized, its employees by
-- kind, and its active (在册) members by category.
-- unionized: the employer has its own union, or a union (e.g. a 联合基层工会) covers it; both
-- count towards 建会率 in the federation's statistics.
-- township_name: the nearest 乡镇(街道) or 产业 union at or above the keeping union.
create view v_employer_coverage as
select
  e.id                 as employer_id,
  e.org_id,
  o.path               as org_path,
  o.name               as org_name,
  (select a.name from org a
    where a.path @> o.path and a.kind in ('township', 'industry')
    order by nlevel(a.path) desc limit 1) as township_name,
  e.name,
  e.credit_code,
  e.ownership,
  e.industry,
  e.township_code,
  e.employee_count,
  e.women_count,
  e.migrant_count,
  e.dispatched_count,
  e.platform_count,
  e.has_union,
  e.covering_union_id,
  (e.has_union or e.covering_union_id is not null) as unionized,
  coalesce(m.active_members, 0)            as active_members,
  coalesce(m.active_women_members, 0)      as active_women_members,
  coalesce(m.active_migrant_members, 0)    as active_migrant_members,
  coalesce(m.active_dispatched_members, 0) as active_dispatched_members,
  coalesce(m.active_platform_members, 0)   as active_platform_members
from employer e
join org o on o.id = e.org_id
-- one grouped pass over the members, not a count per employer: the county's figures come
-- from 60,000 members in one hash aggregate
left join (
  select
    mm.employer_id,
    count(*)::int                                          as active_members,
    count(*) filter (where mm.sex = 'F')::int              as active_women_members,
    count(*) filter (where mm.category = 'migrant')::int    as active_migrant_members,
    count(*) filter (where mm.category = 'dispatched')::int as active_dispatched_members,
    count(*) filter (where mm.category = 'platform')::int   as active_platform_members
  from member mm
  where mm.status = 'active' and mm.employer_id is not null
  group by mm.employer_id
) m on m.employer_id = e.id;

-- Active members tied to no employer (e.g. recorded before their employer was), per union:
-- they cannot enter a rate whose denominator is the employers' staff, so the figures show
-- them apart.
create view v_member_without_employer as
select
  m.org_id,
  o.path as org_path,
  count(*)::int                                         as active_members,
  count(*) filter (where m.category = 'migrant')::int    as active_migrant_members,
  count(*) filter (where m.category = 'dispatched')::int as active_dispatched_members,
  count(*) filter (where m.category = 'platform')::int   as active_platform_members
from member m
join org o on o.id = m.org_id
where m.status = 'active' and m.employer_id is null
group by m.org_id, o.path;
