import { sql } from 'drizzle-orm'
import { textArray } from '#app/features/analytics/sql-util.server.ts'
import { db, queryRows } from '#db/client.server.ts'
import type { SeedContext, SeedStep } from '#db/seed/step.ts'

/**
 * Two years of ecosystem history before `now`, so the analytics charts show growth: the vendor's
 * opportunities (more each month, a growing partner-sourced share), partner-to-partner and
 * vendor referrals in every status (some linked to opportunities, some won with revenue), and
 * co-sell participations. Bulk inserts with generate_series; deterministic (hash-based) so the
 * demo is the same everywhere. Seeded rows carry import keys `seed-…`. H6/H7 seed the recent,
 * interactive referrals and co-sells with threads separately.
 */
export async function seedAnalytics({ faker, now, log }: SeedContext) {
  const [vendor] = await queryRows<{ id: string }>(db, sql`select id from organizations where kind = 'vendor' order by created_at limit 1`)
  if (!vendor) throw new Error('analytics seed needs the vendor org (foundation step first)')
  const partners = await queryRows<{ id: string }>(db, sql`select id from organizations where kind = 'partner' and status in ('active', 'suspended') order by approved_at nulls last, slug`)
  if (partners.length < 4) throw new Error('analytics seed needs partners (foundation step first)')
  const ids = textArray(partners.map((p) => p.id))
  const accounts = Array.from({ length: 400 }, () => faker.company.name())
  const names = textArray(accounts)
  const nowIso = now.toISOString()
  const OPPS = 1800
  const REFS = 1100
  const COSELL = 700

  // Opportunities: density grows linearly over two years (created = now − 730d·(1 − √u)).
  await db.execute(sql`
    insert into opportunities (id, org_id, title, account_name, account_domain, amount, stage, sourced_by_org_id, created_at, closed_at, expected_close_at, import_key, updated_at)
    select 'seedopp' || g, ${vendor.id}, 'Platform subscription',
      acct, lower(regexp_replace(acct, '[^a-zA-Z0-9]+', '', 'g')) || '.example.com',
      (5000 + abs(hashint4(g * 7)) % 195000) * 100,
      stage, sourced,
      created, closed, created + interval '90 days', 'seed-opp-' || g, coalesce(closed, created)
    from (
      select g, created, acct,
        case when sourced_roll < 15 + 20 * frac then ids[1 + floor(array_length(ids, 1) * power((abs(hashint4(g * 13)) % 1000) / 1000.0, 1.6))::int] end as sourced,
        case when age_days > 150 then (case when stage_roll < 38 then 'won' when stage_roll < 80 then 'lost' else 'committed' end)
             when age_days > 45 then (case when stage_roll < 20 then 'won' when stage_roll < 40 then 'lost' else (array['qualified','technical_validation','business_validation','committed'])[1 + g % 4] end)
             else (array['prospect','qualified','technical_validation'])[1 + g % 3] end as stage,
        case when (age_days > 150 and stage_roll < 80) or (age_days > 45 and age_days <= 150 and stage_roll < 40)
             then least(created + ((20 + abs(hashint4(g * 17)) % 130) * interval '1 day'), ${nowIso}::timestamptz - interval '1 day') end as closed
      from (
        select g, ${ids} as ids,
          ${nowIso}::timestamptz - interval '730 days' * (1 - sqrt(g::float8 / ${OPPS})) + (abs(hashint4(g)) % 86400) * interval '1 second' as created,
          (${names})[1 + abs(hashint4(g * 3)) % 400] as acct,
          sqrt(g::float8 / ${OPPS}) as frac,
          730 * (1 - sqrt(g::float8 / ${OPPS})) as age_days,
          abs(hashint4(g * 5)) % 100 as sourced_roll,
          abs(hashint4(g * 11)) % 100 as stage_roll
        from generate_series(1, ${OPPS}) g
      ) x
    ) y
    on conflict (import_key) do nothing`)

  // Referrals: mostly partner-to-partner (a busy core and a long tail), some with the vendor;
  // older ones are decided, recent ones still open; about a third linked to an opportunity.
  await db.execute(sql`
    insert into referrals (id, from_org_id, to_org_id, account_name, account_domain, need, estimated_value, opportunity_id, status, won_amount,
                           fee_type, fee_percent_bps, created_at, responded_at, closed_at, import_key, updated_at)
    select 'seedref' || g, f, case when t = f then ids[1 + (array_position(ids, f) % array_length(ids, 1))] else t end,
      acct, lower(regexp_replace(acct, '[^a-zA-Z0-9]+', '', 'g')) || '.example.com',
      'Needs help with rollout and integration', est, opp,
      status, case when status = 'won' then (est * (60 + abs(hashint4(g * 23)) % 80)) / 100 end,
      case when g % 3 = 0 then 'none' else 'percent' end, case when g % 3 = 0 then null else 1000 end,
      created, case when status <> 'submitted' then created + interval '2 days' end,
      case when status in ('won', 'lost') then least(created + ((15 + abs(hashint4(g * 29)) % 90) * interval '1 day'), ${nowIso}::timestamptz - interval '1 hour') end,
      'seed-ref-' || g, created
    from (
      select g, ids, created, acct, est,
        case when g % 12 = 0 then ${vendor.id} else ids[1 + floor(array_length(ids, 1) * power((abs(hashint4(g * 31)) % 1000) / 1000.0, 1.8))::int] end as f,
        ids[1 + floor(array_length(ids, 1) * power((abs(hashint4(g * 37)) % 1000) / 1000.0, 1.4))::int] as t,
        case when age_days > 120 then (array['won','won','lost','declined','won','lost','in_progress'])[1 + abs(hashint4(g * 41)) % 7]
             when age_days > 30 then (array['accepted','in_progress','won','lost','declined','submitted'])[1 + abs(hashint4(g * 41)) % 6]
             else (array['submitted','submitted','accepted','in_progress','declined'])[1 + abs(hashint4(g * 41)) % 5] end as status,
        case when g % 3 = 0 then (select o.id from opportunities o where o.import_key = 'seed-opp-' || (1 + abs(hashint4(g * 43)) % ${OPPS})) end as opp
      from (
        select g, ${ids} as ids,
          ${nowIso}::timestamptz - interval '730 days' * (1 - power(g::float8 / ${REFS}, 0.4)) + (abs(hashint4(g * 2)) % 86400) * interval '1 second' as created,
          730 * (1 - power(g::float8 / ${REFS}, 0.4)) as age_days,
          (${names})[1 + abs(hashint4(g * 19)) % 400] as acct,
          (2000 + abs(hashint4(g * 47)) % 80000) * 100 as est
        from generate_series(1, ${REFS}) g
      ) x
    ) y
    on conflict (import_key) do nothing`)

  // Co-sell participations on the vendor's opportunities, joined shortly after creation.
  await db.execute(sql`
    insert into opportunity_participants (id, opportunity_id, org_id, role, status, invited_at, joined_at, responded_at, import_key)
    select 'seedcs' || g, o.id, ids[1 + floor(array_length(ids, 1) * power((abs(hashint4(g * 53)) % 1000) / 1000.0, 1.5))::int],
      (array['implementation','technology','reseller','referral'])[1 + g % 4],
      st, o.created_at + interval '1 day',
      case when st = 'accepted' then least(o.created_at + ((2 + g % 20) * interval '1 day'), coalesce(o.closed_at, ${nowIso}::timestamptz)) end,
      case when st <> 'invited' then o.created_at + interval '2 days' end,
      'seed-cs-' || g
    from (
      select g, ${ids} as ids, (array['accepted','accepted','accepted','declined','invited'])[1 + abs(hashint4(g * 59)) % 5] as st,
        'seed-opp-' || (1 + floor(${OPPS} * power((abs(hashint4(g * 61)) % 1000) / 1000.0, 0.6))::int) as opp_key
      from generate_series(1, ${COSELL}) g
    ) x join opportunities o on o.import_key = x.opp_key
    on conflict do nothing`)

  const [counts] = await queryRows<{ o: number; r: number; c: number }>(
    db,
    sql`select (select count(*) from opportunities where import_key like 'seed-opp-%')::int as o,
               (select count(*) from referrals where import_key like 'seed-ref-%')::int as r,
               (select count(*) from opportunity_participants where import_key like 'seed-cs-%')::int as c`,
  )
  log(`  analytics history: ${counts!.o} opportunities, ${counts!.r} referrals, ${counts!.c} co-sell participations over two years`)
}

export const analyticsStep: SeedStep = { name: 'analytics history (two years)', run: seedAnalytics }
