import fs from 'node:fs'
import { renderWebhooksDoc } from '#app/features/webhooks/doc.ts'

/** Rewrites docs/webhooks.md from the webhook catalog (`--check`: fail when it is out of date). */
const file = 'docs/webhooks.md'
const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
const next = renderWebhooksDoc()
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error(`${file} is out of date; run \`npm run docs:webhooks\`.`)
    process.exit(1)
  }
} else if (next !== current) {
  fs.writeFileSync(file, next)
  console.log(`${file} updated.`)
}
