import { z } from 'zod'
import type { ImportField, ImportMode } from '#db/schema/accounts.ts'
import { POPULATIONS } from '#app/features/accounts/schemas.ts'

/** Import column mapping vocabulary, shared by the server and the mapping page. */
export const IMPORT_FIELDS = ['name', 'domain', 'population', 'ownerEmail', 'dealSize'] as const satisfies readonly ImportField[]
export const FIELD_LABELS: Record<ImportField, string> = {
  name: 'Account name',
  domain: 'Web domain',
  population: 'Population (customer, open opportunity or prospect)',
  ownerEmail: 'Owner e-mail (optional)',
  dealSize: 'Deal size (optional)',
}
/** As in db/schema/accounts.ts, kept here so the mapping page does not pull in the schema. */
const IMPORT_MODES = ['strict', 'skip'] as const satisfies readonly ImportMode[]
export const REQUIRED_FIELDS: ImportField[] = ['name', 'domain', 'population']
export const ERRORS_PAGE_SIZE = 100

/** The mapping form: which file column holds each field, and what to do with bad rows. */
export const StartImportSchema = z
  .object({
    mapping: z.object(Object.fromEntries(IMPORT_FIELDS.map((f) => [f, z.string().trim().max(200).optional()])) as Record<ImportField, z.ZodOptional<z.ZodString>>),
    defaultPopulation: z.enum(POPULATIONS).optional(),
    mode: z.enum(IMPORT_MODES, { errorMap: () => ({ message: 'Choose whether to refuse the whole file or skip bad rows.' }) }),
  })
  .strict()
