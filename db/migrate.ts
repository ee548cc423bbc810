import { closeDb, dbHandle, migrate } from '#db/client.server.ts'

const handle = dbHandle()
console.log(`Migrating ${handle.driver === 'postgres' ? 'PostgreSQL at DATABASE_URL' : `PGlite in ${handle.dataDir}`} …`)
await migrate(handle)
// The data step of migration 0045: webhook signing secrets stored in plaintext before are encrypted with WEBHOOK_SECRET_KEY.
const { encryptPlaintextWebhookSecrets } = await import('#app/features/webhooks/secret-box.server.ts')
const encrypted = await encryptPlaintextWebhookSecrets()
console.log(`Migrations applied.${encrypted ? ` Encrypted the signing secrets of ${encrypted} webhook endpoint(s).` : ''}`)
await closeDb()
