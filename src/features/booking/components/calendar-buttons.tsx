import { CalendarPlus, Download } from 'lucide-react';
import { Button } from '@/components/ui/button';

/**
 * The .ics download plus Google/Outlook add-to-calendar links, as secondary buttons. A label
 * that wraps on a narrow phone ("Remove from your calendar (.ics)") grows the button instead
 * of overflowing its fixed height onto the border.
 */
const GROWS = 'h-auto min-h-11 py-2 text-center';
export function CalendarButtons({
  ics,
  google,
  outlook,
  labels,
}: {
  ics: { href: string; filename: string; label: string; testId: string; sequence?: number };
  google: string | null;
  outlook: string | null;
  labels: { google: string; outlook: string };
}) {
  const external = (href: string, label: string) => (
    <Button asChild variant="secondary" className={GROWS}>
      <a href={href} target="_blank" rel="noopener noreferrer">
        <CalendarPlus className="size-4 shrink-0" aria-hidden /> {label}
      </a>
    </Button>
  );
  return (
    <>
      <Button asChild variant="secondary" className={GROWS}>
        <a href={ics.href} download={ics.filename} data-testid={ics.testId} data-sequence={ics.sequence}>
          <Download className="size-4 shrink-0" aria-hidden /> {ics.label}
        </a>
      </Button>
      {google ? external(google, labels.google) : null}
      {outlook ? external(outlook, labels.outlook) : null}
    </>
  );
}
