import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';

export function AuthCard({
  title,
  lead,
  children,
  footer,
}: {
  title: string;
  lead?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-md px-4 py-10 sm:py-16">
      <h1 className="text-3xl font-bold">{title}</h1>
      {lead ? <p className="mt-2 text-slate-700">{lead}</p> : null}
      <Card className="mt-6">{children}</Card>
      {footer ? <div className="mt-4 text-center text-slate-700">{footer}</div> : null}
    </div>
  );
}
