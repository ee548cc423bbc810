/**
 * Index versions this process has written but not yet seen committed, per database: while one is
 * outstanding, searches read the version from the database on every call, so a process always
 * sees its own index writes as soon as they commit. A write whose transaction rolled back is
 * forgotten after `graceMs`.
 */
const outstanding = new WeakMap<object, { version: number; until: number }[]>()

export function expectVersion(source: object, version: number, graceMs = 10_000) {
  const list = outstanding.get(source) ?? []
  list.push({ version, until: performance.now() + graceMs })
  outstanding.set(source, list)
}

/** Whether a write of this process to `source` may have committed without a search having seen it. */
export function hasUnseenWrites(source: object): boolean {
  const list = outstanding.get(source)
  if (!list?.length) return false
  const now = performance.now()
  const live = list.filter((w) => w.until > now)
  outstanding.set(source, live)
  return live.length > 0
}

/** A search read `version` (committed): every write up to it is seen. */
export function sawVersion(source: object, version: number) {
  const list = outstanding.get(source)
  if (list?.length)
    outstanding.set(
      source,
      list.filter((w) => w.version > version),
    )
}
