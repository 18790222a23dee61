-- The working-day calendar's local exceptions. Weekends, statutory holidays and 调休 working
-- days come from the `chinese-days` package (lib/working-days.ts); a row here overrides one
-- day: a holiday the package does not carry yet (next year's, before it ships), or a local
-- change. Deleting the row restores the default. The calendar module owns this table.
create table calendar_day (
  day         date primary key,
  working     boolean not null,
  name        text check (name is null or length(btrim(name)) between 1 and 30),
  updated_by  bigint references app_user(id),
  updated_at  timestamptz not null default now()
);
