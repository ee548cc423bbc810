import fs from 'node:fs/promises'
import path from 'node:path'
import { rememberBox } from '#app/core/remember.ts'

/** Where uploaded files live. The file-system backend can be swapped for object storage. */
export interface Storage {
  put(key: string, data: Buffer, contentType: string): Promise<void>
  get(key: string): Promise<{ data: Buffer; contentType: string } | null>
  delete(key: string): Promise<void>
}

const KEY = /^[a-z0-9][a-z0-9_-]*(?:\/[a-z0-9][a-z0-9_-]*)*\.(png|jpg|webp)$/
const TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' }

export function isValidKey(key: string) {
  return KEY.test(key) && key.length <= 200
}

export function contentTypeForKey(key: string) {
  const ext = key.split('.').pop() ?? ''
  return TYPES[ext] ?? 'application/octet-stream'
}

/** Files under a directory (DATA_DIR/uploads). Keys are validated so a key can never leave it. */
export class FileStorage implements Storage {
  constructor(private readonly root: string) {}

  private file(key: string) {
    if (!isValidKey(key)) throw new Error(`invalid storage key: ${key}`)
    return path.join(this.root, ...key.split('/'))
  }

  async put(key: string, data: Buffer) {
    const file = this.file(key)
    await fs.mkdir(path.dirname(file), { recursive: true })
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`
    await fs.writeFile(tmp, data)
    await fs.rename(tmp, file)
  }

  async get(key: string) {
    if (!isValidKey(key)) return null
    try {
      const data = await fs.readFile(this.file(key))
      return { data, contentType: contentTypeForKey(key) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }

  async delete(key: string) {
    if (!isValidKey(key)) return
    await fs.rm(this.file(key), { force: true })
  }
}

const holder = rememberBox<Storage>('storage')

export function storage(): Storage {
  holder.current ??= new FileStorage(path.resolve(process.env.DATA_DIR || './.data', 'uploads'))
  return holder.current
}

/** Tests and other backends plug in here. */
export function setStorage(next: Storage | undefined) {
  holder.current = next
}
