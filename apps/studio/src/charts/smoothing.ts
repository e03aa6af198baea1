// TensorBoard's scalar smoothing: an exponential moving average, debiased for its start (scalars dashboard's
// "smoothing" slider, 0 = raw).
export function smooth(values: readonly number[], weight: number): number[] {
  let last = 0;
  let n = 0;
  return values.map((v) => {
    if (!Number.isFinite(v)) return v;
    last = last * weight + (1 - weight) * v;
    n++;
    const debias = weight === 1 ? 1 : 1 - weight ** n;
    return last / debias;
  });
}
