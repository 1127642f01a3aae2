'use client';
import Link from 'next/link';
import { Menu, X } from 'lucide-react';
import { useState } from 'react';
import { usePathname } from 'next/navigation';

export function MobileNav({
  links,
  menuLabel,
  closeLabel,
  navLabel,
}: {
  links: Array<{ href: string; label: string }>;
  menuLabel: string;
  closeLabel: string;
  navLabel: string;
}) {
  const pathname = usePathname();
  // the menu is open for the page it was opened on: navigating closes it
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (next: (o: boolean) => boolean) => setOpenOn(next(open) ? pathname : null);
  return (
    <div className="md:hidden">
      <button
        type="button"
        className="grid size-11 place-items-center rounded-lg text-slate-700 hover:bg-slate-100"
        aria-expanded={open}
        aria-controls="mobile-nav"
        aria-label={open ? closeLabel : menuLabel}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? <X className="size-6" aria-hidden /> : <Menu className="size-6" aria-hidden />}
      </button>
      {open ? (
        <nav
          id="mobile-nav"
          aria-label={navLabel}
          className="absolute inset-x-0 top-16 max-h-[calc(100dvh-4rem-var(--bottom-nav-height,0px))] overflow-y-auto border-b border-slate-200 bg-white shadow-lg"
        >
          <ul className="mx-auto flex max-w-6xl flex-col p-2">
            {links.map((l) => (
              <li key={l.href}>
                <Link
                  href={l.href}
                  className="block rounded-lg px-4 py-3 text-lg font-medium text-slate-800 hover:bg-slate-100"
                >
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
