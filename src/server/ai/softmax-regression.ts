/**
 * Multinomial logistic regression (softmax) over sparse vectors, L2-regularised, trained by
 * L-BFGS on the full batch. Parameters are laid out feature-major: w[d * K + k], then K biases.
 */
import { minimiseLbfgs } from './lbfgs';
import type { SparseVector } from './features';

export interface SoftmaxModel {
  dimensions: number;
  classes: number;
  /** dimensions x classes, feature-major */
  weights: Float64Array;
  bias: Float64Array;
}

export interface SoftmaxTrainingOptions {
  l2: number;
  maxIterations: number;
  /** per-class weight of each example's loss (class balance); defaults to 1 */
  classWeights?: Float64Array;
}

/** Logits of one vector: bias + x . W (W feature-major, `classes` columns). */
export function sparseLogits(
  weights: ArrayLike<number>,
  bias: ArrayLike<number>,
  classes: number,
  x: SparseVector,
): Float64Array {
  const z = new Float64Array(classes);
  for (let k = 0; k < classes; k++) z[k] = bias[k]!;
  for (let j = 0; j < x.indices.length; j++) {
    const base = x.indices[j]! * classes;
    const v = x.values[j]!;
    for (let k = 0; k < classes; k++) z[k]! += v * weights[base + k]!;
  }
  return z;
}

/** Softmax of logits divided by a temperature, in place; returns the same array. */
export function softmaxInPlace(z: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < z.length; k++) max = Math.max(max, z[k]! / temperature);
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    z[k] = Math.exp(z[k]! / temperature - max);
    sum += z[k]!;
  }
  for (let k = 0; k < z.length; k++) z[k]! /= sum;
  return z;
}

export function trainSoftmax(
  xs: SparseVector[],
  ys: number[],
  dimensions: number,
  classes: number,
  options: SoftmaxTrainingOptions,
): SoftmaxModel {
  const K = classes;
  const D = dimensions;
  const params = new Float64Array(D * K + K);
  const weightOf = (y: number) => options.classWeights?.[y] ?? 1;
  let totalWeight = 0;
  for (const y of ys) totalWeight += weightOf(y);
  const z = new Float64Array(K);
  const objective = (theta: Float64Array, grad: Float64Array) => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      const y = ys[i]!;
      const sw = weightOf(y) / totalWeight;
      for (let k = 0; k < K; k++) z[k] = theta[D * K + k]!;
      for (let j = 0; j < x.indices.length; j++) {
        const base = x.indices[j]! * K;
        const v = x.values[j]!;
        for (let k = 0; k < K; k++) z[k]! += v * theta[base + k]!;
      }
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, z[k]!);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += Math.exp(z[k]! - max);
      const logSum = max + Math.log(sum);
      loss += sw * (logSum - z[y]!);
      // z becomes the gradient of the loss w.r.t. the logits
      for (let k = 0; k < K; k++) z[k] = sw * (Math.exp(z[k]! - logSum) - (k === y ? 1 : 0));
      for (let j = 0; j < x.indices.length; j++) {
        const base = x.indices[j]! * K;
        const v = x.values[j]!;
        for (let k = 0; k < K; k++) grad[base + k]! += v * z[k]!;
      }
      for (let k = 0; k < K; k++) grad[D * K + k]! += z[k]!;
    }
    let reg = 0;
    for (let p = 0; p < D * K; p++) {
      reg += theta[p]! * theta[p]!;
      grad[p]! += options.l2 * theta[p]!;
    }
    return loss + 0.5 * options.l2 * reg;
  };
  minimiseLbfgs(objective, params, { maxIterations: options.maxIterations, memory: 10, tolerance: 1e-7 });
  return { dimensions: D, classes: K, weights: params.subarray(0, D * K), bias: params.slice(D * K) };
}

/** Raw logits of a trained (unquantised) model. */
export function modelLogits(model: SoftmaxModel, x: SparseVector): Float64Array {
  return sparseLogits(model.weights, model.bias, model.classes, x);
}
