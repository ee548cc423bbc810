import type { ReactNode } from 'react'
import { TabNav, type Tab } from '#app/components/tab-nav.tsx'

/** Tabs shared by the co-sell, connections and account-list pages. */
export function MappingTabs({ current, isPartner }: { current: 'cosell' | 'connections' | 'accounts'; isPartner: boolean }) {
  const tabs: Tab<typeof current>[] = [
    { key: 'cosell', to: '/cosell', label: 'Co-sell opportunities' },
    ...(isPartner
      ? ([
          { key: 'connections', to: '/connections', label: 'Connections & overlap' },
          { key: 'accounts', to: '/accounts', label: 'Account list' },
        ] as const)
      : []),
  ]
  return <TabNav label="Co-selling" tabs={tabs} current={current} />
}

export function Alert({ kind = 'error', children }: { kind?: 'error' | 'success' | 'info'; children: ReactNode }) {
  const cls = kind === 'error' ? 'border-red-200 bg-red-50 text-red-800' : kind === 'success' ? 'border-green-200 bg-green-50 text-green-800' : 'border-slate-200 bg-slate-50 text-slate-700'
  return (
    <div role={kind === 'error' ? 'alert' : 'status'} className={`rounded-md border px-3 py-2 text-sm ${cls}`}>
      {children}
    </div>
  )
}
