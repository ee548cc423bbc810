import { openApiDocument } from '#app/features/api/openapi.server.ts'

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document of the API, public. */
export async function loader() {
  return new Response(JSON.stringify(openApiDocument()), { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' } })
}
