import { NavLink, useLocation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import type { NavItem } from '#app/components/nav.ts'

const colours = (isActive: boolean) => (isActive ? 'bg-brand-50 text-brand-700' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900')
/** In the row: tight enough that a partner admin's nine links, the bell and the account menu share one line at 1280 px. */
const rowLinkClass = ({ isActive }: { isActive: boolean }) => `whitespace-nowrap rounded-md px-2 py-1.5 text-sm font-medium ${colours(isActive)}`
const menuLinkClass = ({ isActive }: { isActive: boolean }) => `whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${colours(isActive)}`

/**
 * The main navigation: a row of links from the `xl` breakpoint (1280 px) up, and below it a "Menu"
 * disclosure (details/summary, so it opens without JavaScript) that lists the same links. Only
 * one of the two is displayed at a time, so assistive technology meets one "Main" landmark. The row
 * needs the full width: a partner admin has nine links, and below 1280 px they no longer fit on
 * one line beside the logo, the bell and the account menu (the header would wrap).
 */
export function MainNav({ items }: { items: NavItem[] }) {
  const menu = useRef<HTMLDetailsElement>(null)
  const location = useLocation()
  // A client-side navigation keeps the page: close the menu once its link is followed.
  useEffect(() => {
    if (menu.current) menu.current.open = false
  }, [location.pathname, location.search])
  return (
    <>
      <nav aria-label="Main" className="hidden gap-1 xl:flex" data-testid="main-nav-row">
        {items.map((item) => (
          <NavLink key={item.to} to={item.to} className={rowLinkClass}>
            {item.label}
          </NavLink>
        ))}
      </nav>
      <details ref={menu} className="group xl:hidden">
        <summary
          className="flex cursor-pointer list-none items-center gap-1.5 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 [&::-webkit-details-marker]:hidden"
          data-testid="menu-button"
        >
          <svg aria-hidden viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2">
            <path className="group-open:hidden" d="M4 6h16M4 12h16M4 18h16" />
            <path className="hidden group-open:block" d="M6 6l12 12M18 6L6 18" />
          </svg>
          Menu
        </summary>
        <nav aria-label="Main" className="absolute inset-x-2 top-full z-40 mt-1 flex flex-col gap-0.5 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
          {items.map((item) => (
            <NavLink key={item.to} to={item.to} className={menuLinkClass}>
              {item.label}
            </NavLink>
          ))}
        </nav>
      </details>
    </>
  )
}
