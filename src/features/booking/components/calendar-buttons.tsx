import { CalendarPlus, Download } from 'lucide-react';
import { Button } from '@/components/ui/button';

/** The .ics download plus Google/Outlook add-to-calendar links, as secondary buttons. */
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
    <Button asChild variant="secondary">
      <a href={href} target="_blank" rel="noopener noreferrer">
        <CalendarPlus className="size-4" aria-hidden /> {label}
      </a>
    </Button>
  );
  return (
    <>
      <Button asChild variant="secondary">
        <a href={ics.href} download={ics.filename} data-testid={ics.testId} data-sequence={ics.sequence}>
          <Download className="size-4" aria-hidden /> {ics.label}
        </a>
      </Button>
      {google ? external(google, labels.google) : null}
      {outlook ? external(outlook, labels.outlook) : null}
    </>
  );
}
