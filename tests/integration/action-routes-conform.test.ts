import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Every action route parses its form with Conform + zod and answers errors in one shape
 * (app/utils/submission.server.ts): `parseSubmission` at the edge, `invalidReply` /
 * `domainReply` / `refusalReply` for the reply. Routes are found by reading app/routes, as
 * malformed-requests.test.ts does, so a new route is held to this the day it is added.
 */

const ROUTES_DIR = path.resolve('app/routes')

/** Routes whose action hands the request to a module that does the parsing and replying. */
const DELEGATES: Record<string, string> = {
  'manage.listings.new.tsx': 'app/features/listings/editor.server.ts',
  'manage.listings.$id.edit.tsx': 'app/features/listings/editor.server.ts',
}

/** Action routes that are not page forms (JSON or streaming endpoints read by their own client code, bare buttons): they stay as they are. */
const NOT_FORMS: Record<string, string> = {
  'analytics.import.tsx': 'a fetch upload answered with the import report as JSON, read by its own client code',
  'analytics.import.upload.tsx': 'streams progress as NDJSON to a fetch client; not a page form',
  'api.listing-preview.tsx': 'JSON endpoint for the editor preview, not a form page',
  'logout.tsx': 'no fields: the sign-out button in the header has no form to answer into',
  'onboarding.dismiss.tsx': 'no fields: a button on the home checklist, answered with a toast',
}

/**
 * Page forms not converted yet, each with why. The list may only shrink (it is empty now): a
 * route listed here that already uses the helpers fails the test.
 */
const NOT_YET: Record<string, string> = {}

const actionRoutes = fs
  .readdirSync(ROUTES_DIR)
  .filter((f) => /\.(tsx|ts)$/.test(f) && !f.includes('.test.'))
  .filter((f) => /export\s+(async\s+)?(function|const)\s+action\b/.test(fs.readFileSync(path.join(ROUTES_DIR, f), 'utf8')))
  // The public API's JSON endpoints are not forms: app/features/api parses their bodies with zod and answers its own error shape.
  .filter((f) => !f.startsWith('api.v1.'))
  .sort()

const sourceOf = (file: string) => fs.readFileSync(DELEGATES[file] ? path.resolve(DELEGATES[file]) : path.join(ROUTES_DIR, file), 'utf8')

function usesSharedHelpers(source: string) {
  const imports = /import\s*\{([^}]*)\}\s*from\s*'(?:#app\/|[./]*(?:app\/)?)utils\/submission\.server\.ts'/.exec(source)?.[1] ?? ''
  return imports.includes('parseSubmission') && /\b(invalidReply|domainReply)\b/.test(imports) && /\bparseSubmission\(/.test(source)
}

/** The reply styles this replaced: hand-made `{ error, fieldErrors }` objects and forms read without a schema. */
const OLD_STYLES = [/\bformObject\(/, /\bactionError\(/, /safeParse\(Object\.fromEntries\(/, /\bfieldErrors:\s*error\.fieldErrors/, /submission\.reply\(/]

describe('action routes parse and reply with the shared Conform helpers', () => {
  it('finds the action routes', () => {
    expect(actionRoutes.length).toBeGreaterThanOrEqual(30)
  })

  it('every action route uses parseSubmission and the shared replies', () => {
    const missing = actionRoutes.filter((f) => !NOT_YET[f] && !NOT_FORMS[f] && !usesSharedHelpers(sourceOf(f)))
    expect(missing).toEqual([])
  })

  it('no route replies in one of the old styles', () => {
    const old = actionRoutes.filter((f) => !NOT_YET[f] && !NOT_FORMS[f]).flatMap((f) => OLD_STYLES.filter((re) => re.test(sourceOf(f))).map((re) => `${f}: ${re}`))
    expect(old).toEqual([])
  })

  it('the not-yet list only holds routes that are still not converted', () => {
    expect(Object.keys(NOT_FORMS).filter((f) => !actionRoutes.includes(f))).toEqual([])
    const done = Object.keys(NOT_YET).filter((f) => !actionRoutes.includes(f) || usesSharedHelpers(sourceOf(f)))
    expect(done).toEqual([])
  })
})
