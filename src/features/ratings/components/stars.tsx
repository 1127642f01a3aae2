import { Star } from 'lucide-react';
import { RATING_SCORES } from '../limits';

/** A given score as five stars, read as one phrase ("4 out of 5") by screen readers. */
export function Stars({ score, label, className }: { score: number; label: string; className?: string }) {
  return (
    <span
      role="img"
      aria-label={label}
      className={`inline-flex gap-0.5 ${className ?? ''}`}
      data-score={score}
    >
      {RATING_SCORES.map((n) => (
        <Star
          key={n}
          aria-hidden
          className={n <= score ? 'size-5 fill-amber-400 text-amber-500' : 'size-5 text-slate-300'}
        />
      ))}
    </span>
  );
}
