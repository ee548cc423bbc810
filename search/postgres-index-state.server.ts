import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '#db/client.server.ts'
import { hasUnseenWrites, sawVersion } from '#search/index-versions.ts'
import { INDEX } from '#search/postgres-common.ts'

/** The live index's state: `key` names its contents (generation and write count); `readAt` is when the read began. */
export type IndexState = { key: string; generation: number; version: number; readAt: number }

/** Reads the live index's state (generation and version), sharing reads between concurrent searches. */
export class IndexStateReader {
  private stateRead: Promise<IndexState> | null = null
  private nextStateRead: Promise<IndexState> | null = null
  private latest: { source: object; state: IndexState } | null = null

  constructor(
    private readonly conn: () => Queryable,
    private readonly freshMs: number,
    private readonly source: () => object,
  ) {}

  private get q() {
    return this.conn()
  }

  /**
   * The index state: the latest read if it began less than `freshMs` ago and this process has no
   * unseen write; otherwise a new read. Past a fifth of `freshMs` a read starts in the background,
   * so under steady traffic searches do not wait for one (a read can take tens of milliseconds
   * when the database is busy).
   */
  async currentState(): Promise<IndexState> {
    const source = this.source()
    const latest = this.latest
    if (latest?.source === source && !hasUnseenWrites(source)) {
      const age = performance.now() - latest.state.readAt
      if (age < this.freshMs) {
        if (age > this.freshMs / 5 && !this.stateRead) this.refreshState(source).catch(() => undefined)
        return latest.state
      }
    }
    return this.refreshState(source)
  }

  private async refreshState(source: object): Promise<IndexState> {
    const state = await this.readState()
    sawVersion(source, state.version)
    if (this.latest?.source !== source || this.latest.state.readAt < state.readAt) this.latest = { source, state }
    return state
  }

  /**
   * The index version, read by a statement that started after this call: concurrent searches share
   * one read (those arriving while a read is under way wait for the next one, so none can miss a
   * write committed before it began).
   */
  private readState(): Promise<IndexState> {
    if (!this.stateRead) {
      this.stateRead = this.queryState().finally(() => (this.stateRead = null))
      return this.stateRead
    }
    this.nextStateRead ??= this.stateRead
      .catch(() => undefined)
      .then(() => {
        this.nextStateRead = null
        return this.readState()
      })
    return this.nextStateRead
  }

  private async queryState(): Promise<IndexState> {
    const readAt = performance.now()
    const [row] = await queryRows<{ generation: number; version: number | string }>(this.q, sql`select active_generation as generation, version from search_index_state where name = ${INDEX}`)
    const generation = Number(row?.generation ?? 1)
    const version = Number(row?.version ?? -1)
    return { key: `${generation}:${version}`, generation, version, readAt }
  }
}
