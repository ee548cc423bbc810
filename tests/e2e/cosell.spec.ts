import { expect, test } from '#tests/e2e/fixtures.ts'

/**
 * Account mapping to co-sell, through the real UI of the built app on the seeded database:
 * Northwind uploads a 10,000-row CSV with a few bad rows (progress, then the report), sees its
 * overlap with Bluepeak (connected in the seed, names shared for customers), opens a co-sell from
 * an overlapping account, Bluepeak accepts in a second browser context and Northwind sees it
 * live, then both move it through stages and each sees the other's change without reloading.
 */

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
const SHARED = { name: `Shared Prospect ${run}`, domain: `shared-${run}.example.com` }

function tenThousandRows(): Buffer {
  const lines = ['Company,Website,Type,Owner,Deal size']
  lines.push(`${SHARED.name},https://www.${SHARED.domain}/,customer,rep@northwind.test,25000`)
  for (let i = 1; i < 10_000; i++) {
    if (i === 1234) lines.push(`No Domain ${run},,customer,,`)
    else if (i === 5678) lines.push(`Bad Type ${run},badtype-${run}.example.com,friend,,`)
    else if (i === 9000) lines.push(`"=HYPERLINK(""http://evil.test"")",evil-${run}.example.com,prospect,not-an-email,`)
    else lines.push(`E2E ${run} Company ${i},e2e-${run}-${i}.example.com,${['customer', 'opportunity', 'prospect'][i % 3]},,${(i % 90) * 1000}`)
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8')
}

test('upload accounts → overlap → co-sell from an overlapping account → invitee accepts live → both move stages', async ({ signedInPage }) => {
  test.setTimeout(180_000)
  const bluepeak = await signedInPage('admin@bluepeak.test', { to: '/cosell' })
  const northwind = await signedInPage('admin@northwind.test', { to: '/cosell' })
  // Without filters the export is the plain address (no dangling "?").
  await expect(northwind.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', '/cosell/export.csv')

  // Bluepeak lists the account as a customer, by hand.
  await bluepeak.goto('/accounts')
  await bluepeak.getByLabel('Account name').fill(SHARED.name)
  await bluepeak.getByLabel('Web domain').fill(SHARED.domain)
  await bluepeak.getByLabel('Population').selectOption('customer')
  await bluepeak.getByRole('button', { name: 'Save account' }).click()
  await expect(bluepeak.getByText(`Added ${SHARED.name}`)).toBeVisible()

  // Northwind uploads 10,000 rows, three of them bad, and imports skipping the bad ones.
  await northwind.goto('/accounts')
  await northwind.getByLabel('CSV file', { exact: true }).setInputFiles({ name: `accounts-${run}.csv`, mimeType: 'text/csv', buffer: tenThousandRows() })
  await northwind.getByRole('button', { name: 'Upload and map columns' }).click()
  await expect(northwind.getByRole('heading', { name: /Import “accounts-/ })).toBeVisible({ timeout: 30_000 })
  await expect(northwind.getByText('10,000 rows')).toBeVisible()
  await expect(northwind.getByLabel('Web domain')).toHaveValue('Website')
  await expect(northwind.getByLabel(/Account name/)).toHaveValue('Company')
  await northwind.getByLabel(/Import the good rows/).check()
  await northwind.getByRole('button', { name: 'Start import' }).click()
  // The progress bar is polled from the job row while it runs and stays, full, once done.
  await expect(northwind.getByTestId('import-progress')).toBeVisible({ timeout: 15_000 })
  await expect(northwind.getByRole('progressbar', { name: 'Import progress' })).toBeVisible()
  await expect(northwind.getByTestId('import-done')).toBeVisible({ timeout: 120_000 })
  await expect(northwind.getByTestId('import-progress')).toContainText('10,000 of 10,000 rows checked (100%) · 3 with problems')
  await expect(northwind.getByTestId('import-done')).toContainText('3 rows skipped')
  const report = northwind.getByTestId('import-report')
  await expect(report.getByRole('row')).toHaveCount(4) // header + 3 bad rows
  await expect(report).toContainText('Row 1,235')
  await expect(report).toContainText('The web domain is empty.')
  await expect(report).toContainText('is not a population')
  await expect(report).toContainText('not a valid owner e-mail')

  // The overlap with Bluepeak: the matrix, then the shared account by name.
  await northwind.getByRole('link', { name: 'See the overlap with your partners' }).click()
  await northwind.getByRole('link', { name: 'Overlap with Bluepeak Cloud' }).click()
  const matrix = northwind.getByTestId('overlap-matrix')
  await expect(matrix).toBeVisible({ timeout: 60_000 })
  await expect(northwind.getByTestId('cell-customer-customer')).toHaveText(/^[1-9][\d,]*$/)
  await expect(northwind.getByTestId('cell-prospect-prospect')).toHaveText(/^[\d,]+$/) // counts only
  await northwind.getByLabel('Search').fill(SHARED.domain)
  await northwind.getByRole('button', { name: 'Search' }).click()
  const list = northwind.getByTestId('overlap-list')
  await expect(list.getByRole('row')).toHaveCount(2)
  await expect(list).toContainText(SHARED.name)

  // One click from the overlapping account to a prefilled co-sell opportunity.
  await list.getByRole('link', { name: `Co-sell ${SHARED.name} with Bluepeak Cloud` }).click()
  await expect(northwind.getByLabel('Account', { exact: true })).toHaveValue(SHARED.name)
  await expect(northwind.getByLabel('Web domain (optional)')).toHaveValue(SHARED.domain)
  await expect(northwind.locator('[name="invite.partner"]')).toHaveValue('bluepeak-cloud')
  await northwind.getByLabel('Amount, USD').fill('48,000')
  await northwind.getByLabel('Role').selectOption('technology')
  await northwind.getByLabel('Message').fill('You have them as a customer too — join us?')
  await northwind.getByRole('button', { name: 'Open opportunity' }).click()
  await expect(northwind.getByRole('heading', { name: SHARED.name })).toBeVisible()
  await expect(northwind.getByTestId('participant-status-bluepeak-cloud')).toHaveText('invited')
  const oppUrl = northwind.url()

  // Bluepeak accepts in its own browser context; Northwind's page updates live.
  await bluepeak.goto(new URL(oppUrl).pathname)
  await expect(bluepeak.getByRole('heading', { name: 'You are invited to co-sell this opportunity' })).toBeVisible()
  await bluepeak.getByRole('button', { name: 'Accept' }).click()
  await expect(bluepeak.getByText('You joined this co-sell')).toBeVisible()
  await expect(northwind.getByTestId('participant-status-bluepeak-cloud')).toHaveText('accepted', { timeout: 15_000 })

  // Both move it through stages; each sees the other's move without reloading.
  await northwind.getByLabel('Move to').selectOption('qualified')
  await northwind.getByRole('button', { name: 'Update stage' }).click()
  await expect(northwind.getByTestId('cosell-stage')).toHaveText('Qualified')
  await expect(bluepeak.getByTestId('cosell-stage')).toHaveText('Qualified', { timeout: 15_000 })
  await bluepeak.getByLabel('Move to').selectOption('technical_validation')
  await bluepeak.getByRole('button', { name: 'Update stage' }).click()
  await expect(northwind.getByTestId('cosell-stage')).toHaveText('Technical validation', { timeout: 15_000 })
  await northwind.getByLabel('Move to').selectOption('committed')
  await northwind.getByRole('button', { name: 'Update stage' }).click()
  await expect(bluepeak.getByTestId('cosell-stage')).toHaveText('Committed', { timeout: 15_000 })
  await bluepeak.getByTestId('stage-history').locator('..').locator('summary').click()
  await expect(bluepeak.getByTestId('stage-history').getByRole('listitem')).toHaveCount(4)
})
