import type { z } from 'zod'
import { WEBHOOK_EVENT_TYPE_LIST, webhookMessageSchema, type WebhookEventType, type WebhookMessage } from '#app/features/webhooks/catalog.ts'

/**
 * An example message of each webhook event type, for the OpenAPI document's `webhooks` section:
 * built from the same zod schema the message is sent through, with readable values by field name.
 * A test parses every example with that schema, so the documented examples cannot drift from it.
 */

const AT = '2026-03-02T09:30:00.000Z'
const ORG_IDS: Record<string, string> = { fromOrgId: 'org_northwind01', toOrgId: 'org_bluepeak0001', ownerOrgId: 'org_northwind01' }

/** A readable value for a string field, by its name. */
function stringFor(name: string): string {
  if (ORG_IDS[name]) return ORG_IDS[name]
  if (name === 'id') return 'ref_8f3k2m1q9x7w'
  if (/OrgId$|orgId$/.test(name)) return 'org_contoso00001'
  if (/Id$/.test(name)) return `${name.replace(/Id$/, '').toLowerCase().slice(0, 4)}_7c2e9a41b3d5`
  if (/OrgName$|orgName$/.test(name)) return name.startsWith('to') ? 'BluePeak Consulting' : 'Northwind Systems'
  if (name === 'accountName') return 'Globex Corporation'
  if (name === 'accountDomain') return 'globex.example.com'
  if (name === 'object') return 'referral'
  if (/reason|note|message/i.test(name)) return 'The customer chose to wait until next quarter.'
  if (/reference/i.test(name)) return 'INV-2026-0042'
  if (/title|name/i.test(name)) return 'Data platform migration'
  if (/slug/i.test(name)) return 'northwind-systems'
  if (/url|link/i.test(name)) return 'https://partners.example.com/listings/northwind-migration'
  return 'example'
}

type Def = { typeName: string } & Record<string, unknown>

/** An example value of a zod type that its schema accepts. */
function exampleValue(t: z.ZodTypeAny, name: string): unknown {
  const def = t._def as Def
  switch (def.typeName) {
    case 'ZodString': {
      const checks = (def.checks as { kind: string; value?: number }[] | undefined) ?? []
      if (checks.some((c) => c.kind === 'datetime')) return AT
      if (checks.some((c) => c.kind === 'date')) return AT.slice(0, 10)
      if (checks.some((c) => c.kind === 'email')) return 'alex@northwind.example.com'
      if (checks.some((c) => c.kind === 'url')) return 'https://partners.example.com/'
      const min = checks.find((c) => c.kind === 'min')?.value ?? 0
      const max = checks.find((c) => c.kind === 'max')?.value ?? Infinity
      return stringFor(name).padEnd(min, 'x').slice(0, max)
    }
    case 'ZodNumber': {
      const checks = (def.checks as { kind: string; value?: number; inclusive?: boolean }[] | undefined) ?? []
      const min = checks.find((c) => c.kind === 'min')?.value
      const max = checks.find((c) => c.kind === 'max')?.value
      let n = /rating|score/i.test(name) ? 5 : /hours|days|count/i.test(name) ? 48 : 150_000
      if (max !== undefined && n > max) n = max
      if (min !== undefined && n < min) n = min
      return n
    }
    case 'ZodBoolean':
      return false
    case 'ZodEnum':
      return (def.values as string[])[(def.values as string[]).length > 1 ? 1 : 0]
    case 'ZodNativeEnum':
      return Object.values(def.values as Record<string, string>)[0]
    case 'ZodLiteral':
      return def.value
    case 'ZodArray':
      return [exampleValue(def.type as z.ZodTypeAny, name.replace(/s$/, ''))]
    case 'ZodUnion':
      return exampleValue((def.options as z.ZodTypeAny[])[0]!, name)
    case 'ZodNullable':
    case 'ZodOptional':
    case 'ZodDefault':
    case 'ZodReadonly':
      return exampleValue(def.innerType as z.ZodTypeAny, name)
    case 'ZodEffects':
      return exampleValue(def.schema as z.ZodTypeAny, name)
    case 'ZodObject':
      return Object.fromEntries(Object.entries((t as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>).map(([k, v]) => [k, exampleValue(v, k)]))
    case 'ZodRecord':
      return {}
    default:
      return null
  }
}

/** The kind of object each group of events is about (`data.object`). */
const OBJECTS: Record<string, string> = {
  referral: 'referral',
  fee: 'fee',
  cosell: 'opportunity',
  listing: 'listing',
  endorsement: 'referral',
  registration: 'deal_registration',
  program: 'organization',
  partnership: 'partnership',
}

/** The example message of one event type. */
export function webhookExample(type: WebhookEventType): WebhookMessage {
  const message = exampleValue(webhookMessageSchema(type), 'message') as WebhookMessage
  return { ...message, type, timestamp: AT, data: { ...message.data, object: OBJECTS[type.split('.')[0]!] ?? message.data.object } }
}

export const WEBHOOK_EXAMPLES = () => Object.fromEntries(WEBHOOK_EVENT_TYPE_LIST.map((type) => [type, webhookExample(type)])) as Record<WebhookEventType, WebhookMessage>
