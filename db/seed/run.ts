import { closeDb, migrate } from '#db/client.server.ts'
import { isDatabaseEmpty, seedDemo } from '#db/seed/index.ts'

const force = process.argv.includes('--force')
await migrate()
if (!force && !(await isDatabaseEmpty())) {
  console.log('The database already has data; not seeding. Use a fresh DATA_DIR, or --force to seed anyway.')
} else {
  await seedDemo()
  console.log('Demo ecosystem seeded.')
}
await closeDb()
