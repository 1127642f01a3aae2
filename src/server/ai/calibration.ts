/**
 * Temperature scaling (Guo et al., 2017): one scalar T dividing the logits, fitted to minimise
 * the negative log-likelihood of out-of-fold predictions, so a reported 0.8 is right about
 * 80% of the time. It changes no ranking, only the confidence.
 */
import { softmaxInPlace } from './softmax-regression';

export function negativeLogLikelihood(logitRows: Float64Array[], ys: number[], temperature: number): number {
  let total = 0;
  for (let i = 0; i < logitRows.length; i++) {
    const p = softmaxInPlace(Float64Array.from(logitRows[i]!), temperature);
    total -= Math.log(Math.max(p[ys[i]!]!, 1e-12));
  }
  return total / Math.max(logitRows.length, 1);
}

/** Golden-section search of log T in [log 0.05, log 20]. */
export function fitTemperature(logitRows: Float64Array[], ys: number[]): number {
  if (!logitRows.length) return 1;
  const f = (logT: number) => negativeLogLikelihood(logitRows, ys, Math.exp(logT));
  let a = Math.log(0.05);
  let b = Math.log(20);
  const phi = (Math.sqrt(5) - 1) / 2;
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 60; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - phi * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + phi * (b - a);
      fd = f(d);
    }
  }
  return Math.exp((a + b) / 2);
}
