import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import postgres from 'postgres'
import { db, dbHandle, queryRows } from '#db/client.server.ts'
import { accountImportChunks, accountImportJobs, accounts } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { accountListedBy, listAccounts, saveAccount } from '#app/features/accounts/accounts.server.ts'
import { getImportJob, resumeInterruptedImports } from '#app/features/accounts/import-resume.server.ts'
import { importAccountsCsv, runImport, startImport } from '#app/features/accounts/import-apply.server.ts'
import { importErrors } from '#app/features/accounts/import-jobs.server.ts'
import { receiveUpload } from '#app/features/accounts/import-upload.server.ts'

async function* bytes(...parts: (string | Uint8Array)[]) {
  for (const p of parts) yield typeof p === 'string' ? new TextEncoder().encode(p) : p
}

function csv(rows: string[][]) {
  return rows.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\n') + '\n'
}

async function countAccounts(orgId: string) {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from accounts where org_id = ${orgId}`)
  return Number(row!.n)
}

describe('CSV import of account lists', () => {
  it('imports with mapping, normalizes domains, upserts and reports bad rows when skipping them', async () => {
    const { admin, org } = await createPartner()
    const file = csv([
      ['Company', 'Website', 'Type', 'Owner', 'ARR'],
      ['Acme', 'https://www.Acme.com/about', 'customer', 'jo@acme.com', '12,500'],
      ['Bücher GmbH', 'bücher.de', 'prospect', '', ''],
      ['No domain', '', 'customer', '', ''],
      ['Bad pop', 'badpop.com', 'friend', '', ''],
      ['Globex', 'globex.io', 'opportunities', 'not-an-email', '5'],
      ['Acme again', 'acme.com', 'opportunity', '', '100'],
    ])
    const job = await importAccountsCsv(admin, { filename: 'accounts.csv', data: bytes(file), mode: 'skip' })
    expect(job.status).toBe('completed')
    expect(job.totalRows).toBe(6)
    expect(job.validRows).toBe(3)
    expect(job.errorRows).toBe(3)
    expect(job.insertedCount).toBe(2) // acme (twice in the file, last row wins) and bücher
    const errors = await importErrors(admin, job.id)
    expect(errors.map((e) => e.rowNumber)).toEqual([3, 4, 5])
    expect(errors[0]!.reasons.join(' ')).toMatch(/web domain is empty/)
    expect(errors[1]!.reasons.join(' ')).toMatch(/not a population/)
    expect(errors[2]!.reasons.join(' ')).toMatch(/owner e-mail/)
    const list = await listAccounts(admin)
    expect(list.accounts.map((a) => [a.domain, a.name, a.population, a.dealSize])).toEqual([
      ['acme.com', 'Acme again', 'opportunity', 10000],
      ['xn--bcher-kva.de', 'Bücher GmbH', 'prospect', null],
    ])
    expect(await accountListedBy(org.id, 'https://www.ACME.com')).toEqual(['opportunity'])
    expect(await accountListedBy(org.id, 'nowhere.com')).toEqual([])
    // the stored file is dropped once imported
    expect(await db.select().from(accountImportChunks).where(eq(accountImportChunks.jobId, job.id))).toHaveLength(0)

    // a second upload upserts by normalized domain
    const again = await importAccountsCsv(admin, {
      filename: 'more.csv',
      data: bytes(
        csv([
          ['name', 'domain', 'population'],
          ['ACME Corp', 'WWW.ACME.COM', 'customer'],
          ['New Co', 'new.co', 'prospect'],
        ]),
      ),
      mode: 'strict',
    })
    expect([again.insertedCount, again.updatedCount]).toEqual([1, 1])
    expect(await accountListedBy(org.id, 'acme.com')).toEqual(['customer'])
    expect(await countAccounts(org.id)).toBe(3)
  })

  it('refuses a file with bad rows whole in strict mode, then imports it skipping them when asked', async () => {
    const { admin, org } = await createPartner()
    const file = csv([
      ['name', 'domain', 'population'],
      ['Good', 'good.com', 'customer'],
      ['Bad', 'not a domain', 'customer'],
    ])
    const job = await importAccountsCsv(admin, { filename: 'a.csv', data: bytes(file), mode: 'strict' })
    expect(job.status).toBe('refused')
    expect(job.failureReason).toMatch(/1 of 2 rows have problems, so nothing was imported/)
    expect(await countAccounts(org.id)).toBe(0)
    expect((await importErrors(admin, job.id)).map((e) => e.rowNumber)).toEqual([2])
    await startImport(admin, job.id, { mapping: job.mapping, mode: 'skip' })
    const done = await runImport(job.id)
    expect(done.status).toBe('completed')
    expect(await countAccounts(org.id)).toBe(1)
  })

  it('refuses a file in the wrong encoding, UTF-16, binary or an xlsx, storing nothing', async () => {
    const { admin } = await createPartner()
    const latin1 = new Uint8Array([...new TextEncoder().encode('name,domain,population\nCaf'), 0xe9, ...new TextEncoder().encode(',cafe.fr,customer\n')])
    await expect(receiveUpload(admin, { filename: 'latin1.csv', data: bytes(latin1) })).rejects.toThrow(/not valid UTF-8/)
    const utf16 = new Uint8Array([0xff, 0xfe, 0x6e, 0x00, 0x61, 0x00])
    await expect(receiveUpload(admin, { filename: 'u16.csv', data: bytes(utf16) })).rejects.toThrow(/UTF-16/)
    await expect(receiveUpload(admin, { filename: 'bin.csv', data: bytes('name,domain\n\u0000\u0001') })).rejects.toThrow(/binary/)
    await expect(receiveUpload(admin, { filename: 'book.csv', data: bytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2])) })).rejects.toThrow(/Excel workbook/)
    await expect(receiveUpload(admin, { filename: 'list.xlsx', data: bytes('a,b\n1,2\n') })).rejects.toThrow(/not a CSV file/)
    await expect(receiveUpload(admin, { filename: 'q.csv', data: bytes('name,domain\n"open quote,x.com\n') })).rejects.toThrow(/never closed/)
    await expect(receiveUpload(admin, { filename: 'empty.csv', data: bytes('') })).rejects.toThrow(/empty/)
    await expect(receiveUpload(admin, { filename: 'h.csv', data: bytes('name,domain,population\n') })).rejects.toThrow(/no accounts/)
    expect(await db.select().from(accountImportJobs).where(eq(accountImportJobs.orgId, admin.orgId))).toHaveLength(0)
  })

  it('refuses a file with missing required columns, naming them', async () => {
    const { admin } = await createPartner()
    const file = csv([
      ['Company', 'Notes'],
      ['Acme', 'x'],
    ])
    const error = await importAccountsCsv(admin, { filename: 'a.csv', data: bytes(file), mode: 'skip' }).catch((e) => e)
    expect(error.code).toBe('invalid')
    expect(error.message).toMatch(/missing required columns: web domain, population/)
    expect(error.message).toMatch(/Columns found: Company, Notes/)
    expect(await db.select().from(accountImportJobs).where(eq(accountImportJobs.orgId, admin.orgId))).toHaveLength(0)
    expect(await countAccounts(admin.orgId)).toBe(0)
  })

  it('refuses a file over the byte limit while streaming', async () => {
    const { admin } = await createPartner()
    const big = 'name,domain,population\n' + 'Acme,acme.com,customer\n'.repeat(5000)
    await expect(receiveUpload(admin, { filename: 'big.csv', data: bytes(big), maxBytes: 10_000 })).rejects.toThrow(/larger than/)
    // Answered 413 (Payload Too Large) by the route, like the HTTP server's own limit.
    await expect(receiveUpload(admin, { filename: 'big.csv', data: bytes(big), maxBytes: 10_000 })).rejects.toMatchObject({ status: 413 })
  })

  it('refuses a file of more than 1,000,000 rows without importing any of it', async () => {
    const { admin, org } = await createPartner()
    async function* million() {
      const enc = new TextEncoder()
      yield enc.encode('name,domain,population\n')
      const rowsPerChunk = 10_000
      for (let start = 0; start < 1_000_001; start += rowsPerChunk) {
        let s = ''
        for (let i = start; i < Math.min(start + rowsPerChunk, 1_000_001); i++) s += `Company ${i},c${i}.com,customer\n`
        yield enc.encode(s)
      }
    }
    const error = await importAccountsCsv(admin, { filename: 'million.csv', data: million(), mode: 'skip' }).catch((e) => e)
    expect(error.code).toBe('invalid')
    expect(error.message).toMatch(/more than 1,000,000 rows/)
    expect(await countAccounts(org.id)).toBe(0)
    expect(await db.select().from(accountImportJobs).where(eq(accountImportJobs.orgId, org.id))).toHaveLength(0)
  }, 120_000)

  it('keeps formula-looking names as text in the list (exports neutralize them)', async () => {
    const { admin } = await createPartner()
    const file = csv([
      ['name', 'domain', 'population'],
      ["=cmd|' /C calc'!A0", 'evil.com', 'customer'],
    ])
    const job = await importAccountsCsv(admin, { filename: 'f.csv', data: bytes(file), mode: 'strict' })
    expect(job.status).toBe('completed')
    const [row] = await db.select().from(accounts).where(eq(accounts.orgId, admin.orgId))
    expect(row!.name).toBe("=cmd|' /C calc'!A0")
    const { exportAccountsCsv } = await import('#app/features/accounts/accounts.server.ts')
    const { parse } = await import('csv-parse/sync')
    const rows = parse(await exportAccountsCsv(admin)) as string[][]
    expect(rows[1]![0]).toBe("'=cmd|' /C calc'!A0")
    expect(rows.flat().every((cell) => !/^[=+\-@]/.test(cell))).toBe(true)
  })

  it('semicolon-delimited files with a BOM are read', async () => {
    const { admin } = await createPartner()
    const job = await importAccountsCsv(admin, { filename: 's.csv', data: bytes('\ufeffName;Domain;Population\nAcme;acme.com;Customer\n'), mode: 'strict' })
    expect(job.status).toBe('completed')
    expect(job.insertedCount).toBe(1)
  })

  it('only an approved partner keeps an account list, and only its own', async () => {
    const vendor = await createVendor()
    const { admin } = await createPartner()
    const applicant = await createPartner({ status: 'applicant' })
    const other = await createPartner()
    for (const actor of [vendor.admin, vendor.member, applicant.admin]) {
      await expect(saveAccount(actor, { name: 'X', domain: 'x.com', population: 'customer' })).rejects.toMatchObject({ code: 'forbidden' })
      await expect(listAccounts(actor)).rejects.toMatchObject({ code: 'forbidden' })
      await expect(receiveUpload(actor, { filename: 'a.csv', data: bytes('name,domain,population\nA,a.com,customer\n') })).rejects.toMatchObject({ code: 'forbidden' })
    }
    const job = await receiveUpload(admin, { filename: 'a.csv', data: bytes('name,domain,population\nA,a.com,customer\n') })
    await expect(startImport(other.admin, job.id, { mapping: job.mapping, mode: 'skip' })).rejects.toMatchObject({ code: 'not_found' })
    await expect(importErrors(other.member, job.id)).rejects.toMatchObject({ code: 'not_found' })
    const { account } = await saveAccount(admin, { name: 'Mine', domain: 'mine.com', population: 'customer', dealSize: '1,000' })
    expect(account.dealSize).toBe(100000)
    const { deleteAccount } = await import('#app/features/accounts/accounts.server.ts')
    await expect(deleteAccount(other.admin, account.id)).rejects.toMatchObject({ code: 'not_found' })
    expect((await listAccounts(other.admin)).total).toBe(0)
    await expect(saveAccount(admin, { name: '', domain: 'nope', population: 'x' })).rejects.toMatchObject({ code: 'invalid' })
  })

  it('resumes an import whose node died, from the stored file, and the account list gets every row exactly once', async () => {
    const { admin, org } = await createPartner()
    const rows = Array.from({ length: 12_000 }, (_, i) => [`Company ${i}`, `company-${i}.example.com`, 'customer'])
    const uploaded = await receiveUpload(admin, { filename: 'big.csv', data: bytes(csv([['name', 'domain', 'population'], ...rows])) })
    const started = await startImport(admin, uploaded.id, { mapping: uploaded.mapping, mode: 'strict' })
    // The node that started it dies half-way: some rows staged, then no heartbeat for ten minutes.
    await db.execute(sql`insert into account_import_rows (job_id, row_number, domain, name, population) values (${started.id}, 1, 'company-0.example.com', 'Stale', 'prospect')`)
    await db.execute(sql`update account_import_jobs set processed_rows = 5000, heartbeat_at = now() - interval '10 minutes' where id = ${started.id}`)

    // A fresh job is never taken over.
    expect(await resumeInterruptedImports({ jobId: 'no-such-job' })).toEqual([])
    // Watching the progress page (or the timer on any node) resumes it.
    const resumed = await getImportJob(admin, started.id)
    expect(resumed.status).toBe('validating')
    expect(resumed.startedAt!.getTime()).toBeGreaterThan(started.startedAt!.getTime())
    let job = resumed
    for (let i = 0; i < 600 && (job.status === 'validating' || job.status === 'importing'); i++) {
      await new Promise((r) => setTimeout(r, 100))
      job = await getImportJob(admin, started.id)
    }
    expect(job.status).toBe('completed')
    expect([job.processedRows, job.insertedCount]).toEqual([12_000, 12_000])
    expect(await countAccounts(org.id)).toBe(12_000)
    expect(await accountListedBy(org.id, 'company-0.example.com')).toEqual(['customer'])
    // Nothing is claimed twice.
    expect(await resumeInterruptedImports()).toEqual([])
  })

  it.skipIf(!process.env.DATABASE_URL)('does not take over an import whose final statement is still running, however long it takes (PostgreSQL)', async () => {
    const { admin } = await createPartner()
    const uploaded = await receiveUpload(admin, {
      filename: 'slow.csv',
      data: bytes(
        csv([
          ['name', 'domain', 'population'],
          ['Slow', 'slow.example.com', 'customer'],
        ]),
      ),
    })
    const started = await startImport(admin, uploaded.id, { mapping: uploaded.mapping, mode: 'strict' })
    await db.execute(sql`update account_import_jobs set status = 'importing', heartbeat_at = now() - interval '10 minutes' where id = ${started.id}`)
    const handle = dbHandle()
    if (handle.driver !== 'postgres') throw new Error('needs PostgreSQL')
    const runner = postgres(handle.url, { max: 1, onnotice: () => {} })
    try {
      let release!: () => void
      const held = new Promise<void>((r) => (release = r))
      let locked!: () => void
      const isLocked = new Promise<void>((r) => (locked = r))
      const finalStatement = runner.begin(async (tx) => {
        await tx`select id from account_import_jobs where id = ${started.id} for update`
        locked()
        await held
      })
      await isLocked
      expect(await resumeInterruptedImports()).toEqual([])
      release()
      await finalStatement
    } finally {
      await runner.end()
    }
  })
})
