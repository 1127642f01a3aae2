'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import {
  Bell,
  MessagesSquare,
  CalendarPlus,
  ClipboardList,
  PackageSearch,
  ScanLine,
  UserRound,
  UserPlus,
  Wrench,
} from 'lucide-react';
import type { ComponentType, SVGProps } from 'react';
import { cn } from '@/components/ui/cn';
import { bottomNavFor, currentKey, type BottomNavKey, type Viewer } from './nav-links';

const ICONS: Record<BottomNavKey, ComponentType<SVGProps<SVGSVGElement>>> = {
  book: CalendarPlus,
  track: PackageSearch,
  repairs: Wrench,
  account: UserRound,
  queue: ClipboardList,
  scan: ScanLine,
  'walk-in': UserPlus,
  support: MessagesSquare,
  notifications: Bell,
};

const LABEL_KEY = {
  book: 'book',
  track: 'track',
  repairs: 'repairs',
  account: 'account',
  queue: 'queue',
  scan: 'scan',
  'walk-in': 'walkIn',
  support: 'support',
  notifications: 'notifications',
} as const satisfies Record<BottomNavKey, string>;

/**
 * Fixed to the bottom of the screen below md (768 px), above the home indicator
 * (env(safe-area-inset-bottom)); hidden from md up, where the header's links serve. Its height is
 * `--bottom-nav-height` (globals.css): the body keeps that much room below the footer, and
 * anything else fixed to the bottom sits above it.
 */
export function BottomNavBar({ viewer }: { viewer: Viewer }) {
  const t = useTranslations('bottomNav');
  const pathname = usePathname();
  const { bar, items } = bottomNavFor(pathname, viewer);
  const current = currentKey(pathname, items);
  return (
    <nav
      aria-label={bar === 'staff' ? t('staffLabel') : t('customerLabel')}
      data-testid="bottom-nav"
      data-bar={bar}
      className="bottom-nav fixed inset-x-0 bottom-0 z-30 h-(--bottom-nav-height) border-t border-slate-200 bg-white/95 pb-[env(safe-area-inset-bottom)] backdrop-blur md:hidden print:hidden"
    >
      <ul className={cn('mx-auto grid h-full max-w-lg', items.length > 4 ? 'grid-cols-5' : 'grid-cols-4')}>
        {items.map((item) => {
          const Icon = ICONS[item.key];
          const here = item.key === current;
          return (
            <li key={item.key} className="flex">
              <Link
                href={item.href}
                data-testid={`bottom-nav-${item.key}`}
                aria-current={here ? 'page' : undefined}
                className={cn(
                  'flex min-h-11 min-w-11 flex-1 flex-col items-center justify-center gap-0.5 px-0.5 text-center text-xs leading-tight',
                  here ? 'font-semibold text-slate-900' : 'font-medium text-slate-600 hover:text-slate-900',
                )}
              >
                <span
                  aria-hidden
                  className={cn(
                    'grid h-7 w-12 place-items-center rounded-full transition-colors',
                    here ? 'bg-brand text-brand-fg' : 'text-slate-600',
                  )}
                >
                  <Icon className="size-5" />
                </span>
                <span className="max-w-full break-words">{t(LABEL_KEY[item.key])}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
