const STORE = Symbol.for('partner-hub.remembered')

type Holder = { [STORE]?: Map<string, unknown> }

/**
 * One value per process under `key`, made on first use. The server and the Remix build load
 * separate copies of the app's modules (and development reloads the build), so a module-level
 * `let` would exist twice; every process-wide singleton (database handle, search engine, storage,
 * workers, timers) lives here instead.
 */
export function remember<T>(key: string, make: () => T): T {
  const holder = globalThis as Holder
  const store = (holder[STORE] ??= new Map())
  if (!store.has(key)) store.set(key, make())
  return store.get(key) as T
}

/** A replaceable process-wide value (tests and tools swap the search engine or the storage). */
export function rememberBox<T>(key: string): { current: T | undefined } {
  return remember(key, () => ({ current: undefined as T | undefined }))
}
