import openapiTS, { astToString } from 'openapi-typescript'
import { format, resolveConfig } from 'prettier'
import { openApiDocument } from '#app/features/api/openapi.server.ts'

export const SCHEMA_TYPES_PATH = 'app/features/api/client/schema.d.ts'

/** The TypeScript types of the OpenAPI document (openapi-typescript), as committed in schema.d.ts. */
export async function generateSchemaTypes() {
  const ast = await openapiTS(JSON.parse(JSON.stringify(openApiDocument())))
  const text = `/**\n * Generated from /api/v1/openapi.json by \`npm run api:types\`. Do not edit: a test fails when it is stale.\n */\n\n${astToString(ast)}`
  return format(text, { ...(await resolveConfig(SCHEMA_TYPES_PATH)), filepath: SCHEMA_TYPES_PATH })
}
