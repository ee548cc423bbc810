-- Custom SQL migration file, put your code below! --
-- The key check of every /api/v1 request, as one call (app/features/api/keys.server.ts): looks an
-- API key up by id with its organization, creator and the creator's membership; only when the
-- secret's hash matches and the key is live it bumps the per-key and per-organization rate-limit
-- windows, reads the vendor's limits (else the given defaults), counts the use of the scope (and
-- on its first use in a window within both limits writes the audit log's `api_key.used`), and
-- records the last use (time and address) at most once a minute. A PL/pgSQL function so the plan
-- of this statement is kept per connection: planning it cost more than running it (PGlite plans
-- every unnamed statement again). A change to it is a new migration with `create or replace`.
create or replace function api_authenticate(
  p_key_id text, p_hash text, p_ip text, p_scope text, p_granting text[],
  p_default_per_key integer, p_default_per_org integer, p_window_seconds integer)
returns table (
  id text, org_id text, name text, scopes text[], secret_hash text, expires_at timestamptz, revoked_at timestamptz,
  org_name text, org_kind text, org_status text, user_id text, user_email text, user_name text, member boolean,
  key_count integer, key_window timestamptz, org_count integer, org_window timestamptz, per_key integer, per_org integer)
language plpgsql
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  with k as (
    select k.id, k.org_id, k.name, k.scopes, k.secret_hash, k.expires_at, k.revoked_at, k.last_used_at,
           o.name as org_name, o.kind as org_kind, o.status as org_status,
           u.id as user_id, u.email as user_email, u.name as user_name,
           exists (select 1 from memberships m where m.user_id = k.created_by and m.org_id = k.org_id) as member
    from api_keys k
    join organizations o on o.id = k.org_id
    left join users u on u.id = k.created_by
    where k.id = p_key_id),
  ok as (
    select * from k
    where k.secret_hash = p_hash and k.revoked_at is null and (k.expires_at is null or k.expires_at > now()) and k.user_id is not null and k.member),
  limits as (
    select coalesce(s.per_key_per_minute, p_default_per_key) as per_key, coalesce(s.per_org_per_minute, p_default_per_org) as per_org
    from (select 1) one
    left join lateral (
      select a.per_key_per_minute, a.per_org_per_minute from api_settings a join organizations v on v.id = a.org_id
      where v.kind = 'vendor' limit 1) s on true),
  hits as (
    insert into rate_limits as r (key, count, window_start)
    select w.key, 1, now() from ok cross join lateral (values ('api:' || ok.id), ('api-org:' || ok.org_id)) as w(key)
    on conflict (key) do update set
      count = case when r.window_start <= now() - make_interval(secs => p_window_seconds) then 1 else r.count + 1 end,
      window_start = case when r.window_start <= now() - make_interval(secs => p_window_seconds) then now() else r.window_start end
    returning r.key, r.count, r.window_start),
  counts as (
    select (select h.count from hits h where h.key = 'api:' || ok.id) as key_count,
           (select h.window_start from hits h where h.key = 'api:' || ok.id) as key_window,
           (select h.count from hits h where h.key = 'api-org:' || ok.org_id) as org_count,
           (select h.window_start from hits h where h.key = 'api-org:' || ok.org_id) as org_window
    from ok),
  used as (
    insert into rate_limits as r (key, count, window_start)
    select 'api-use:' || ok.id || ':' || p_scope, 1, now()
    from ok cross join counts c cross join limits l
    where ok.scopes && p_granting and c.key_count <= l.per_key and c.org_count <= l.per_org
    on conflict (key) do update set
      count = case when r.window_start <= now() - make_interval(secs => p_window_seconds) then 1 else r.count + 1 end,
      window_start = case when r.window_start <= now() - make_interval(secs => p_window_seconds) then now() else r.window_start end
    returning r.count),
  audit as (
    insert into audit_log (org_id, actor_id, action, subject_type, subject_id, details, ip)
    select ok.org_id, ok.user_id, 'api_key.used', 'api_key', ok.id,
           jsonb_build_object('keyId', ok.id, 'name', ok.name, 'scope', p_scope, 'window', p_window_seconds || ' s'), p_ip
    from ok cross join used where used.count = 1
    returning 1),
  touched as (
    update api_keys a set last_used_at = now(), last_used_ip = p_ip
    from ok where a.id = ok.id and (ok.last_used_at is null or ok.last_used_at <= now() - interval '1 minute')
    returning 1)
  select k.id, k.org_id, k.name, k.scopes, k.secret_hash, k.expires_at, k.revoked_at, k.org_name, k.org_kind, k.org_status,
         k.user_id, k.user_email, k.user_name, k.member, c.key_count, c.key_window, c.org_count, c.org_window, l.per_key, l.per_org
  from k cross join limits l left join counts c on true;
end
$$;
