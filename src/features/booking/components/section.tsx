import type { ReactNode } from 'react';

/** One step of the progressive form: a numbered heading and its content. */
export function Section({
  id,
  step,
  title,
  children,
  aside,
}: {
  id: string;
  step: number;
  title: string;
  children: ReactNode;
  aside?: ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <div className="flex items-center justify-between gap-3">
        <h2 id={`${id}-title`} className="flex items-center gap-3 text-lg font-semibold sm:text-xl">
          <span
            aria-hidden
            className="grid size-8 shrink-0 place-items-center rounded-full bg-brand text-sm font-bold text-brand-fg"
          >
            {step}
          </span>
          {title}
        </h2>
        {aside}
      </div>
      <div className="mt-4">{children}</div>
    </section>
  );
}

export function ChoiceButton({
  pressed,
  onClick,
  disabled,
  children,
  testId,
  className = '',
}: {
  pressed: boolean;
  onClick: () => void;
  disabled?: boolean;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      disabled={disabled}
      onClick={onClick}
      data-testid={testId}
      className={`rounded-xl border px-3 py-3 text-left font-medium transition disabled:opacity-60 ${
        pressed
          ? 'border-brand bg-brand/10 text-slate-900 ring-2 ring-brand'
          : 'border-slate-300 bg-white text-slate-800 hover:border-brand'
      } ${className}`}
    >
      {children}
    </button>
  );
}
