import { z } from 'zod'
import { WEBHOOK_EVENT_TYPES, WEBHOOK_EVENT_TYPE_LIST, webhookDataSchema } from '#app/features/webhooks/catalog.ts'

/** A zod type as a reader sees it: `string`, `"a" | "b"`, `string[]`, `number | string`, with `| null`. */
function typeName(t: z.ZodTypeAny): string {
  const def = t._def as { typeName: string } & Record<string, unknown>
  switch (def.typeName) {
    case 'ZodString':
      return 'string'
    case 'ZodNumber':
      return (def.checks as { kind: string }[] | undefined)?.some((c) => c.kind === 'int') ? 'integer' : 'number'
    case 'ZodBoolean':
      return 'boolean'
    case 'ZodEnum':
      return (def.values as string[]).map((v) => `"${v}"`).join(' \\| ')
    case 'ZodLiteral':
      return JSON.stringify(def.value)
    case 'ZodArray':
      return `${typeName(def.type as z.ZodTypeAny)}[]`
    case 'ZodUnion':
      return (def.options as z.ZodTypeAny[]).map(typeName).join(' \\| ')
    case 'ZodNullable':
      return `${typeName(def.innerType as z.ZodTypeAny)} \\| null`
    case 'ZodOptional':
    case 'ZodDefault':
      return typeName(def.innerType as z.ZodTypeAny)
    case 'ZodObject':
      return 'object'
    default:
      return 'any'
  }
}

const isOptional = (t: z.ZodTypeAny) => t.isOptional()

/** The field table of one event type's `data`, from its zod schema. */
function fieldTable(schema: z.AnyZodObject) {
  const rows = Object.entries(schema.shape as Record<string, z.ZodTypeAny>).map(([name, t]) => `| \`${name}\` | ${typeName(t)} | ${isOptional(t) ? 'no' : 'yes'} | ${t.description ?? ''} |`)
  return ['| Field | Type | Always present | Notes |', '| --- | --- | --- | --- |', ...rows].join('\n')
}

/** docs/webhooks.md, generated from the webhook catalog and the events' zod schemas (`npm run docs:webhooks`). */
export function renderWebhooksDoc() {
  const groups = [...new Set(WEBHOOK_EVENT_TYPE_LIST.map((t) => WEBHOOK_EVENT_TYPES[t].group))]
  const events = groups
    .map((group) =>
      [
        `### ${group}`,
        ...WEBHOOK_EVENT_TYPE_LIST.filter((t) => WEBHOOK_EVENT_TYPES[t].group === group).map((t) =>
          [`#### \`${t}\``, '', WEBHOOK_EVENT_TYPES[t].description, '', fieldTable(webhookDataSchema(t))].join('\n'),
        ),
      ].join('\n\n'),
    )
    .join('\n\n')
  return `${HEAD}\n\n## Event types\n\n<!-- Generated from app/features/webhooks/catalog.ts and the events' zod schemas: run \`npm run docs:webhooks\`. -->\n\n${events}\n`
}

const HEAD = `# Webhooks

Partner Hub POSTs your organization's events to your own systems as they happen. An admin adds an
endpoint at **Settings → Webhooks** (\`/settings/webhooks\`): a URL, a description and the event
types to send. The page shows the endpoint's signing secret once; the endpoint page shows every
delivery with its attempts (request headers and body, response code and body, timing) and lets
you redeliver one, rotate the secret, disable, enable or delete the endpoint.

## Who receives what

A webhook never tells an organization more than its own pages do. An event is sent to the
endpoints of exactly the organizations it is shown to in the product: the audience it was
recorded with (the parties of a referral or co-sell and the vendor's team, the payer and payee of
a fee, the owner of a listing, …), or for an event recorded without one, the organizations its
notification names. What is told to one person only (a task assigned to them) is not sent to
their organization. The payload is the event's own schema (below), the same fields the pages
show those organizations. An endpoint receives events from the moment it is created on; it never
receives older ones.

### Community events

\`community.topic_created\`, \`community.reply_posted\` and \`community.answer_accepted\` follow
one product rule: an endpoint receives one **only when its organization can see the space at
delivery time**, decided by the same visibility rule as the community's pages and the API
(\`GET /api/v1/community/…\`): a space open to all partners, every partner; a private space, only
the organizations invited to it; a segment space, the partners whose type, tier and region match
it; a vendor-only space, only the vendor. It is checked when the event is queued (no delivery,
and no line in the delivery log, for an organization that does not see the space) and again when
the message is sent: an organization taken out of the space before then is not told (the delivery
is marked failed, "Not sent: your organization does not see this post now", and the endpoint is
not affected). A post held for review or hidden by the moderators is never delivered. The
\`data\` is the topic (and reply) with **the same fields the API returns to that organization**
at that moment (below), so each organization's message can differ.

## The message

Each message is a JSON body in the [Standard Webhooks](https://www.standardwebhooks.com/) envelope:

\`\`\`json
{
  "type": "referral.accepted",
  "timestamp": "2026-03-02T10:15:00.000Z",
  "data": { "id": "k3j2h1g0f9e8d7c6", "object": "referral", "fromOrgId": "…", "toOrgId": "…", "accountName": "Globex", "from": "submitted", "to": "accepted" }
}
\`\`\`

\`data.id\` and \`data.object\` name what the event is about; the other fields are the event's own,
listed per type below. Money amounts are in minor units (cents) of the program's currency. With the body come three headers:

- \`webhook-id\`: \`msg_<event id>_<endpoint id>\`. It is the same on every retry and redelivery of
  an event to an endpoint: **deduplicate on it**.
- \`webhook-timestamp\`: seconds since the epoch when this attempt was signed.
- \`webhook-signature\`: one or more space-separated \`v1,<base64 HMAC-SHA256>\` signatures of
  \`<webhook-id>.<webhook-timestamp>.<body>\`, keyed with the base64-decoded part of your secret
  after \`whsec_\`.

## Verifying the signature

With the \`standardwebhooks\` package (JavaScript; there are libraries for most languages):

\`\`\`ts
import { Webhook } from 'standardwebhooks'

const wh = new Webhook(process.env.PARTNER_HUB_WEBHOOK_SECRET) // "whsec_…"
// rawBody: the request body exactly as received (a string or Buffer), not re-serialized JSON.
const event = wh.verify(rawBody, {
  'webhook-id': req.headers['webhook-id'],
  'webhook-timestamp': req.headers['webhook-timestamp'],
  'webhook-signature': req.headers['webhook-signature'],
}) // throws when the signature is wrong or the timestamp is more than 5 minutes off
\`\`\`

By hand: compute \`base64(HMAC-SHA256(key, id + "." + timestamp + "." + rawBody))\`, accept the
message when it equals any \`v1,\` signature in the header (compare in constant time), and refuse
timestamps far from now (replays). Answer any **2xx** quickly (within 15 seconds) and do the work
afterwards.

## Secret rotation

**Rotate secret** makes a new secret (shown once). For 24 hours the previous secret signs every
message too (the header then carries two \`v1,\` signatures), so you can deploy the new secret
to your receiver without dropping a message; after that only the new one signs.

Partner Hub stores signing secrets encrypted (AES-256-GCM), never in plaintext, and cannot show
one again: if you lose it, rotate.

## Order, retries and disabling

- Events are sent to an endpoint **in the order they happened**: the next one waits until the
  one before it was delivered or given up.
- A delivery fails when the endpoint answers anything but 2xx, or does not answer within 15
  seconds. It is retried with exponential backoff: after 5 s, 10 s, 20 s, … doubling, at most
  2 hours apart, for 24 hours from the event.
- After 24 hours of failures the delivery is marked failed, **the endpoint is disabled** and its
  organization's admins are notified (in the app and by email, notification kind "webhook").
  Events that happen while it is disabled are not queued. **Enable** sends what was waiting,
  in order.
- In production an endpoint must use \`https://\` and its host must resolve to public addresses
  only (no loopback, private, link-local or carrier-NAT ranges); this is checked when the
  endpoint is saved and again on every send.
- **Redeliver** on a delivery sends it again at once, with the same \`webhook-id\`.`
