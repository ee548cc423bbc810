import type { ImportField } from '../../../db/schema/accounts.ts'

/** Import column mapping vocabulary, shared by the server and the mapping page. */
export const IMPORT_FIELDS = ['name', 'domain', 'population', 'ownerEmail', 'dealSize'] as const satisfies readonly ImportField[]
export const FIELD_LABELS: Record<ImportField, string> = {
  name: 'Account name',
  domain: 'Web domain',
  population: 'Population (customer, open opportunity or prospect)',
  ownerEmail: 'Owner e-mail (optional)',
  dealSize: 'Deal size (optional)',
}
export const REQUIRED_FIELDS: ImportField[] = ['name', 'domain', 'population']
export const ERRORS_PAGE_SIZE = 100
