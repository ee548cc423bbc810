/** npm run api:types: regenerates app/features/api/client/schema.d.ts from the OpenAPI document. */
import fs from 'node:fs/promises'
import { generateSchemaTypes, SCHEMA_TYPES_PATH } from '#app/features/api/client/generate.server.ts'

await fs.writeFile(SCHEMA_TYPES_PATH, await generateSchemaTypes())
console.log(`Wrote ${SCHEMA_TYPES_PATH}.`)
