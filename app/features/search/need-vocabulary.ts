/**
 * Find-a-partner's vocabulary (one list, used by both search engines because find-partner turns it
 * into ordinary engine queries): when a need mentions the phrase on the left, partners are also
 * found by the phrases on the right. One-directional on purpose: "cloud" finds AWS, Azure and GCP
 * partners, but a need for "AWS" does not bring every Azure partner. Phrases are compared by their
 * English stems (Postgres' `english_stem`), so "migration", "migrating" and "migrate" are one key.
 *
 * Add a row when partners describe a capability in words a customer does not use; keep the right
 * side to product names and trade words that really mean the left side, strongest first: only the
 * first three are searched (find-partner.server.ts, MAX_ALTERNATIVES), to keep a need's queries few.
 */
export const NEED_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  cloud: ['aws', 'azure', 'gcp', 'google cloud', 'amazon web services', 'hyperscaler'],
  'data warehouse': ['snowflake', 'bigquery', 'redshift', 'databricks', 'lakehouse', 'data platform'],
  'data warehousing': ['snowflake', 'bigquery', 'redshift', 'databricks', 'lakehouse', 'data platform'],
  migrate: ['migration', 'modernization', 'modernisation', 'lift and shift'],
  healthcare: ['health', 'hipaa', 'hospital', 'clinic', 'clinical', 'ehr', 'patient'],
  'health care': ['healthcare', 'health', 'hipaa', 'hospital', 'clinical', 'ehr'],
  security: ['cyber', 'soc', 'zero trust', 'siem', 'identity'],
  cyber: ['security', 'cybersecurity', 'soc', 'siem'],
  crm: ['salesforce', 'hubspot', 'dynamics', 'customer relationship management'],
  erp: ['sap', 'netsuite', 'oracle', 'enterprise resource planning'],
  ai: ['artificial intelligence', 'machine learning', 'llm', 'genai'],
  analytics: ['bi', 'business intelligence', 'dashboard', 'reporting', 'power bi', 'tableau'],
  bank: ['financial services', 'fintech', 'insurance'],
  finance: ['financial services', 'fintech', 'banking'],
  retail: ['ecommerce', 'commerce', 'store', 'point of sale'],
  government: ['public sector', 'govtech'],
  manage: ['managed services', 'msp', 'operations'],
  support: ['managed services', 'msp', 'help desk', 'operations'],
  integrate: ['integration', 'connector', 'api'],
  implement: ['implementation', 'systems integrator', 'deployment', 'consulting'],
}

/**
 * Words a need is written with that say nothing about the partner sought (English stop words are
 * dropped by Postgres' english configuration already): "we need a partner to help us …".
 */
export const NEED_STOP_WORDS: ReadonlySet<string> = new Set([
  'need',
  'needs',
  'needed',
  'want',
  'wants',
  'looking',
  'look',
  'help',
  'helps',
  'helping',
  'partner',
  'partners',
  'someone',
  'somebody',
  'company',
  'companies',
  'vendor',
  'firm',
  'us',
  'please',
  'find',
  'get',
  'new',
  'can',
  'could',
  'would',
  'like',
  'also',
  'etc',
])
