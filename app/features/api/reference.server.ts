import { openApiDocument } from '#app/features/api/openapi.server.ts'

/**
 * The API reference page (/docs/api/reference), built on the server from the OpenAPI document
 * (/api/v1/openapi.json) itself, so the page cannot say anything the document does not: every
 * path and method, its parameters, body fields and answers, then every webhook event's message.
 */

type Schema = {
  $ref?: string
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  format?: string
  items?: Schema
  properties?: Record<string, Schema>
  required?: string[]
  anyOf?: Schema[]
  oneOf?: Schema[]
  allOf?: Schema[]
  description?: string
  nullable?: boolean
  additionalProperties?: boolean | Schema
  example?: unknown
}
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema }
type Operation = {
  summary?: string
  description?: string
  tags?: string[]
  security?: unknown[]
  parameters?: Parameter[]
  requestBody?: { content: Record<string, { schema?: Schema; example?: unknown }> }
  responses: Record<string, { description: string; content?: Record<string, { schema?: Schema }> }>
}
type Doc = {
  info: { title: string; description?: string }
  paths: Record<string, Record<string, Operation>>
  webhooks?: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Schema> }
}

export type Field = { name: string; type: string; required: boolean; description: string }
export type ReferenceOperation = {
  id: string
  method: string
  path: string
  summary: string
  description: string
  authenticated: boolean
  parameters: Field[]
  body: { mediaTypes: string[]; fields: Field[]; example: string | null } | null
  responses: { status: string; description: string; schema: string | null }[]
}
export type ApiReference = { title: string; description: string; groups: { name: string; operations: ReferenceOperation[] }[]; webhooks: { group: string; operations: ReferenceOperation[] }[] }

const refName = (ref: string) => ref.replace('#/components/schemas/', '')

function resolve(doc: Doc, schema: Schema | undefined): Schema {
  let s = schema ?? {}
  for (let i = 0; s.$ref && i < 10; i++) s = doc.components.schemas[refName(s.$ref)] ?? {}
  return s
}

/** A schema's type as a reader sees it: `string`, `"a" | "b"`, `Referral[]`, `integer | null`. */
function typeOf(doc: Doc, schema: Schema | undefined): string {
  if (!schema) return 'any'
  if (schema.$ref) return refName(schema.$ref)
  if (schema.const !== undefined) return JSON.stringify(schema.const)
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ')
  const union = schema.anyOf ?? schema.oneOf
  if (union) return union.map((s) => typeOf(doc, s)).join(' | ')
  if (schema.allOf) return schema.allOf.map((s) => typeOf(doc, s)).join(' & ')
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []
  const named = types.map((t) => (t === 'array' ? `${typeOf(doc, schema.items)}[]` : t === 'string' && schema.format ? `string (${schema.format})` : t))
  if (schema.nullable) named.push('null')
  return named.join(' | ') || 'any'
}

/** The fields of an object schema, nested objects and arrays of objects flattened as `a.b` and `a[].b` (three levels). */
function fieldsOf(doc: Doc, schema: Schema | undefined, prefix = '', depth = 0): Field[] {
  const s = resolve(doc, schema)
  const object: Schema = s.allOf
    ? { properties: Object.assign({}, ...s.allOf.map((p) => resolve(doc, p).properties ?? {})) as Record<string, Schema>, required: s.allOf.flatMap((p) => resolve(doc, p).required ?? []) }
    : s
  if (!object.properties) return []
  return Object.entries(object.properties).flatMap(([name, prop]: [string, Schema]) => {
    const full = `${prefix}${name}`
    const field: Field = { name: full, type: typeOf(doc, prop), required: object.required?.includes(name) ?? false, description: prop.description ?? resolve(doc, prop).description ?? '' }
    if (depth >= 2) return [field]
    const inner = resolve(doc, prop)
    const nested = inner.properties
      ? fieldsOf(doc, inner, `${full}.`, depth + 1)
      : inner.type === 'array' && resolve(doc, inner.items).properties
        ? fieldsOf(doc, inner.items, `${full}[].`, depth + 1)
        : []
    return [field, ...nested]
  })
}

const anchorOf = (method: string, path: string) =>
  `${method}-${path}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

function operationOf(doc: Doc, method: string, path: string, op: Operation, kind: 'path' | 'webhook'): ReferenceOperation {
  const content = op.requestBody?.content ?? {}
  const [firstType] = Object.keys(content)
  const bodySchema = firstType ? content[firstType]!.schema : undefined
  // The media type's example (webhooks), else the body schema's own (a request body's zod `.openapi({ example })`).
  const example = firstType ? (content[firstType]!.example ?? resolve(doc, bodySchema).example) : undefined
  return {
    id: kind === 'webhook' ? `webhook-${anchorOf('', path)}` : anchorOf(method, path),
    method: method.toUpperCase(),
    path,
    summary: op.summary ?? '',
    description: op.description ?? '',
    authenticated: kind === 'path' && (op.security ?? []).length > 0,
    parameters: (op.parameters ?? []).map((p) => ({
      name: `${p.name} (${p.in})`,
      type: typeOf(doc, p.schema),
      required: p.required ?? false,
      description: p.description ?? p.schema?.description ?? '',
    })),
    body: firstType ? { mediaTypes: Object.keys(content), fields: fieldsOf(doc, bodySchema), example: example === undefined ? null : JSON.stringify(example, null, 2) } : null,
    responses: Object.entries(op.responses).map(([status, r]) => {
      const schema = r.content?.['application/json']?.schema
      return { status, description: r.description, schema: schema ? typeOf(doc, schema) : null }
    }),
  }
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete']

export function apiReference(): ApiReference {
  const doc = openApiDocument() as unknown as Doc
  const groups = new Map<string, ReferenceOperation[]>()
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method]
      if (!op) continue
      const group = op.tags?.[0] ?? 'api'
      groups.set(group, [...(groups.get(group) ?? []), operationOf(doc, method, path, op, 'path')])
    }
  }
  const webhooks = new Map<string, ReferenceOperation[]>()
  for (const [type, item] of Object.entries(doc.webhooks ?? {})) {
    const op = item.post
    if (!op) continue
    const group = (op.tags?.[0] ?? 'webhooks').replace(/^webhooks: /, '')
    webhooks.set(group, [...(webhooks.get(group) ?? []), operationOf(doc, 'post', type, op, 'webhook')])
  }
  return {
    title: doc.info.title,
    description: doc.info.description ?? '',
    groups: [...groups].map(([name, operations]) => ({ name, operations })),
    webhooks: [...webhooks].map(([group, operations]) => ({ group, operations })),
  }
}
