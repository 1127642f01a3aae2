import Link from 'next/link';
import { isInternalHref, safeLinks } from './safe-links';

/**
 * The links offered with an assistant's reply, as links: pages of this site go through Next's
 * router; only http(s) addresses elsewhere are shown (never `javascript:` or the like).
 */
export function MessageLinks({ links }: { links: Array<{ label: string; href: string }> }) {
  const safe = safeLinks(links);
  if (safe.length === 0) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-2">
      {safe.map((l) => (
        <li key={`${l.href}-${l.label}`}>
          {isInternalHref(l.href) ? (
            <Link
              href={l.href}
              className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-3 text-sm font-medium text-brand underline-offset-2 hover:underline md:min-h-9"
            >
              {l.label}
            </Link>
          ) : (
            <a
              href={l.href}
              rel="noopener noreferrer"
              className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-3 text-sm font-medium text-brand underline-offset-2 hover:underline md:min-h-9"
            >
              {l.label}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
