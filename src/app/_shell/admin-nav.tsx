'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

/**
 * The administration's own navigation, above every /admin page: one row of tabs that scrolls
 * sideways on a narrow screen rather than wrapping or clipping.
 */
export function AdminNav({ label, links }: { label: string; links: Array<{ href: string; label: string }> }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="border-b border-slate-200 bg-white">
      <ul className="mx-auto flex max-w-6xl gap-1 overflow-x-auto px-4 py-2">
        {links.map((l) => {
          const current = pathname === l.href || pathname.startsWith(`${l.href}/`);
          return (
            <li key={l.href} className="shrink-0">
              <Link
                href={l.href}
                aria-current={current ? 'page' : undefined}
                className={`flex min-h-11 items-center rounded-lg px-3 text-sm font-medium whitespace-nowrap ${
                  current ? 'bg-brand/10 text-brand' : 'text-slate-700 hover:bg-slate-100'
                }`}
              >
                {l.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
