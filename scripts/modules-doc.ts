import fs from 'node:fs'
import { MODULES } from '#app/modules.server.ts'
import { renderModules, withModules } from './lib/modules-doc.ts'

/** Rewrites the README's module table from the module objects (`--check`: fail when it is out of date). */
const readme = fs.readFileSync('README.md', 'utf8')
const next = withModules(readme, renderModules(MODULES))
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md: the module table is out of date; run `npm run docs:modules`.')
    process.exit(1)
  }
} else if (next !== readme) {
  fs.writeFileSync('README.md', next)
  console.log('README.md: module table updated.')
}
process.exit(0)
