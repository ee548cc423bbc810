/**
 * Do the benchmarks still load? For every script a `bench:*` script in package.json runs (and
 * every bench script those start in a child process, e.g. bench/realtime/node.ts), this reads the
 * script's imports — static ones and `await import('…')` with a literal name — and imports each of
 * them here, in plain Node through tsx, outside vitest, checking that the names the script takes
 * from a module are exported. The scripts themselves are not run (they seed databases and load
 * servers as soon as they are imported), but every module they would load is evaluated, so a bench
 * importing a module that throws outside vitest (one that imports `vitest`, say), a missing module
 * or a missing export is found. Dynamic imports of computed paths (the built app) are not followed.
 *
 *   npx tsx bench/lib/load-check.ts         prints what it checked and what failed; exit 1 on a failure
 *   npx tsx bench/lib/load-check.ts --json  the same as one JSON object (bench/load.test.ts reads it)
 *   npx tsx bench/lib/load-check.ts FILE…   these scripts (paths from the repository root) instead
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** One import of a bench script: the module and the names taken from it (`default` for a default import). */
export type BenchImport = { specifier: string; names: string[]; line: number }
export type BenchScript = { file: string; imports: BenchImport[]; children: string[]; syntaxErrors: string[] }
export type LoadProblem = { file: string; line: number; specifier: string; problem: string }
export type LoadReport = { scripts: { file: string; imports: number; children: string[] }[]; modules: number; problems: LoadProblem[] }

/** The scripts the `bench:*` npm scripts run (`tsx <file>`), relative to the repository root. */
export function benchEntries(root = ROOT): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  return Object.entries(pkg.scripts)
    .filter(([name]) => name.startsWith('bench:'))
    .map(([name, command]) => {
      const file = /\btsx\s+(\S+\.ts)\b/.exec(command)?.[1]
      if (!file) throw new Error(`package.json script ${name} does not run a script with tsx: ${command}`)
      return file
    })
}

const lineOf = (source: ts.SourceFile, node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1

/** `import('x')` with a literal name, or undefined. */
function dynamicImportOf(node: ts.Node): string | undefined {
  if (ts.isAwaitExpression(node)) node = node.expression
  if (ts.isParenthesizedExpression(node)) return dynamicImportOf(node.expression)
  if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0]!)) return node.arguments[0].text
  return undefined
}

/** The imports of one script and the bench scripts it starts by path (`'bench/x/y.ts'`, `'./y.ts'`). */
export function readBenchScript(file: string, root = ROOT): BenchScript {
  const absolute = path.resolve(root, file)
  const text = fs.readFileSync(absolute, 'utf8')
  const source = ts.createSourceFile(absolute, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS)
  const { diagnostics = [] } = ts.transpileModule(text, { fileName: absolute, reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } })
  const syntaxErrors = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  const imports: BenchImport[] = []
  const children = new Set<string>()

  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause
      if (!clause?.isTypeOnly) {
        const names: string[] = []
        if (clause?.name) names.push('default')
        if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings)) {
          for (const element of clause.namedBindings.elements) if (!element.isTypeOnly) names.push((element.propertyName ?? element.name).text)
        }
        imports.push({ specifier: node.moduleSpecifier.text, names, line: lineOf(source, node) })
      }
    } else if (ts.isVariableDeclaration(node) && node.initializer && ts.isObjectBindingPattern(node.name) && dynamicImportOf(node.initializer) !== undefined) {
      // const { a, b: c } = await import('x')
      const names = node.name.elements
        .filter((e) => !e.dotDotDotToken)
        .map((e) => (e.propertyName && ts.isIdentifier(e.propertyName) ? e.propertyName.text : ts.isIdentifier(e.name) ? e.name.text : ''))
      imports.push({ specifier: dynamicImportOf(node.initializer)!, names: names.filter(Boolean), line: lineOf(source, node) })
      return
    } else if (ts.isPropertyAccessExpression(node) && dynamicImportOf(node.expression) !== undefined) {
      // (await import('x')).name
      imports.push({ specifier: dynamicImportOf(node.expression)!, names: [node.name.text], line: lineOf(source, node) })
      return
    } else if (dynamicImportOf(node) !== undefined && !ts.isAwaitExpression(node) && !ts.isParenthesizedExpression(node)) {
      imports.push({ specifier: dynamicImportOf(node)!, names: [], line: lineOf(source, node) })
    } else if (ts.isStringLiteralLike(node) && /^(\.\/|bench\/)[\w./-]+\.ts$/.test(node.text)) {
      const child = node.text.startsWith('./') ? path.resolve(path.dirname(absolute), node.text) : path.resolve(root, node.text)
      if (fs.existsSync(child)) children.add(path.relative(root, child))
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return { file, imports, children: [...children].sort(), syntaxErrors }
}

/** The entries and, transitively, the bench scripts they start. */
export function benchScripts(root = ROOT, entries = benchEntries(root)): BenchScript[] {
  const seen = new Map<string, BenchScript>()
  const queue = [...entries]
  while (queue.length) {
    const file = queue.shift()!
    if (seen.has(file)) continue
    const script = readBenchScript(file, root)
    seen.set(file, script)
    queue.push(...script.children)
  }
  return [...seen.values()]
}

/** Imports every module the scripts import (each once) and checks the names taken from it. */
export async function checkBenchScripts(scripts: BenchScript[], root = ROOT): Promise<LoadReport> {
  const problems: LoadProblem[] = []
  const loaded = new Map<string, Promise<Record<string, unknown>>>()
  for (const script of scripts) {
    for (const e of script.syntaxErrors) problems.push({ file: script.file, line: 0, specifier: '', problem: `does not compile: ${e}` })
    const from = pathToFileURL(path.resolve(root, script.file))
    for (const imp of script.imports) {
      // Relative to the script; `#app/…` and packages resolve the same from here (same package.json).
      const url = imp.specifier.startsWith('.') ? new URL(imp.specifier, from).href : imp.specifier
      if (!loaded.has(url)) loaded.set(url, import(url) as Promise<Record<string, unknown>>)
      try {
        const module = await loaded.get(url)!
        const missing = imp.names.filter((n) => !(n in module))
        if (missing.length) problems.push({ file: script.file, line: imp.line, specifier: imp.specifier, problem: `does not export ${missing.join(', ')}` })
      } catch (error) {
        problems.push({ file: script.file, line: imp.line, specifier: imp.specifier, problem: `throws when imported: ${String((error as Error)?.message ?? error).split('\n')[0]}` })
      }
    }
  }
  return { scripts: scripts.map((s) => ({ file: s.file, imports: s.imports.length, children: s.children })), modules: loaded.size, problems }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2).filter((a) => !a.startsWith('--'))
  const report = await checkBenchScripts(files.length ? benchScripts(ROOT, files) : benchScripts())
  if (process.argv.includes('--json')) console.log(JSON.stringify(report))
  else {
    for (const s of report.scripts) console.log(`${s.file}: ${s.imports} imports${s.children.length ? `, starts ${s.children.join(', ')}` : ''}`)
    console.log(`${report.modules} modules imported; ${report.problems.length ? `${report.problems.length} problems:` : 'no problems'}`)
    for (const p of report.problems) console.log(`  ${p.file}:${p.line} ${p.specifier} ${p.problem}`)
  }
  // Modules opened handles (timers, pools) on import; the check is done.
  process.exit(report.problems.length ? 1 : 0)
}
