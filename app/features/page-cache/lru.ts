/** A least-recently-used map bounded by entry count and by total size in bytes. */
export class LruCache<V extends { size: number }> {
  private readonly map = new Map<string, V>()
  private bytes = 0

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get(key: string): V | undefined {
    const value = this.map.get(key)
    if (value === undefined) return undefined
    this.map.delete(key)
    this.map.set(key, value)
    return value
  }

  set(key: string, value: V) {
    if (value.size > this.maxBytes) return
    this.delete(key)
    this.map.set(key, value)
    this.bytes += value.size
    while (this.map.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.map.keys().next().value as string
      this.delete(oldest)
    }
  }

  delete(key: string) {
    const value = this.map.get(key)
    if (value === undefined) return
    this.map.delete(key)
    this.bytes -= value.size
  }

  clear() {
    this.map.clear()
    this.bytes = 0
  }

  get stats() {
    return { entries: this.map.size, bytes: this.bytes }
  }
}
