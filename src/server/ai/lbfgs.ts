/**
 * Limited-memory BFGS with a backtracking (Armijo) line search, for smooth convex objectives
 * such as L2-regularised softmax regression. Minimises `objective` from `start` in place.
 */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  maxIterations: number;
  memory: number;
  /** stop when the relative decrease of the objective over one step falls below this */
  tolerance: number;
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

export function minimiseLbfgs(
  objective: Objective,
  start: Float64Array,
  options: LbfgsOptions,
): { value: number; iterations: number } {
  const n = start.length;
  const x = start;
  let g = new Float64Array(n);
  let f = objective(x, g);
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rhoList: number[] = [];
  const direction = new Float64Array(n);
  const xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let iterations = 0;
  for (; iterations < options.maxIterations; iterations++) {
    // two-loop recursion: direction = -H g
    direction.set(g);
    const alpha: number[] = [];
    for (let j = sList.length - 1; j >= 0; j--) {
      const a = rhoList[j]! * dot(sList[j]!, direction);
      alpha[j] = a;
      const y = yList[j]!;
      for (let i = 0; i < n; i++) direction[i]! -= a * y[i]!;
    }
    if (sList.length) {
      const last = sList.length - 1;
      const gamma = dot(sList[last]!, yList[last]!) / dot(yList[last]!, yList[last]!);
      for (let i = 0; i < n; i++) direction[i]! *= gamma;
    } else {
      const norm = Math.sqrt(dot(g, g)) || 1;
      for (let i = 0; i < n; i++) direction[i]! /= norm;
    }
    for (let j = 0; j < sList.length; j++) {
      const b = rhoList[j]! * dot(yList[j]!, direction);
      const s = sList[j]!;
      for (let i = 0; i < n; i++) direction[i]! += s[i]! * (alpha[j]! - b);
    }
    for (let i = 0; i < n; i++) direction[i] = -direction[i]!;
    let slope = dot(g, direction);
    if (slope >= 0) {
      // not a descent direction (numerical trouble): restart from steepest descent
      sList.length = yList.length = rhoList.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -g[i]!;
      slope = dot(g, direction);
    }
    let step = 1;
    let fNew = Infinity;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * direction[i]!;
      fNew = objective(xNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < f)) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      sList.push(s);
      yList.push(y);
      rhoList.push(1 / sy);
      if (sList.length > options.memory) {
        sList.shift();
        yList.shift();
        rhoList.shift();
      }
    }
    x.set(xNew);
    [g, gNew] = [gNew, g];
    const decrease = (f - fNew) / Math.max(Math.abs(f), 1e-12);
    f = fNew;
    if (decrease < options.tolerance) break;
  }
  return { value: f, iterations };
}
