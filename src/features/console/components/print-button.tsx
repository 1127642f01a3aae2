'use client';
import { Printer } from 'lucide-react';
import { Button } from '@/components/ui/button';

/** Opens the browser's print dialog (the page's print stylesheet does the rest). */
export function PrintButton({ label }: { label: string }) {
  return (
    <Button onClick={() => window.print()} data-testid="ticket-print">
      <Printer className="size-5" aria-hidden />
      {label}
    </Button>
  );
}
