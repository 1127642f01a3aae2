import type { ReactNode } from 'react';

/** The error area of an auth form: announced by screen readers as it appears. */
export function FormAlert({ children, testId }: { children: ReactNode; testId?: string }) {
  if (!children) return null;
  return (
    <p
      role="alert"
      className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-800"
      data-testid={testId}
    >
      {children}
    </p>
  );
}
