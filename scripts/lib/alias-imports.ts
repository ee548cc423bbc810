/**
 * Rewrites relative import specifiers that point into app/, db/, search/, realtime/ or tests/ as the
 * package's subpath aliases (#app/…, #db/…, …): one style of import everywhere. Idempotent; run
 * with `tsx scripts/lib/alias-imports.ts` after moving files.
 */
import fs from 'node:fs'
import path from 'node:path'

const ROOT = process.cwd()
const ALIASES = ['app', 'db', 'search', 'realtime', 'tests']
const SOURCES = [...ALIASES, 'scripts', 'bench']
const SPECIFIER = /((?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+|\bvi\.mock\(\s*)['"])(\.{1,2}\/[^'"]+)(['"])/g

function walk(dir: string, out: string[] = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full, out)
    else if (/\.(ts|tsx)$/.test(entry.name)) out.push(full)
  }
  return out
}

let changedFiles = 0
const files = [...SOURCES.filter((d) => fs.existsSync(d)).flatMap((d) => walk(path.join(ROOT, d))), path.join(ROOT, 'server.ts')]
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8')
  const next = text.replace(SPECIFIER, (whole, before: string, spec: string, after: string) => {
    const target = path
      .relative(ROOT, path.resolve(path.dirname(file), spec))
      .split(path.sep)
      .join('/')
    const top = target.split('/')[0]!
    if (!ALIASES.includes(top) || target.startsWith('..')) return whole
    return `${before}#${target}${after}`
  })
  if (next !== text) {
    fs.writeFileSync(file, next)
    changedFiles++
  }
}
console.log(`aliased imports in ${changedFiles} files`)
