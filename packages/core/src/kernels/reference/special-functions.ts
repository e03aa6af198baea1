// The special functions of Eigen's SpecialFunctionsImpl.h (erf, erfc, lgamma, digamma, zeta, polygamma) in float64:
// series and continued fractions for erf/erfc, Lanczos for lgamma, cephes' psi and zeta (Euler-Maclaurin).

const SQRT_PI = Math.sqrt(Math.PI);
const EPS = 2 ** -53;

/** erf(x) = 2/sqrt(pi) e^(-x^2) sum 2^n x^(2n+1) / (1*3*...*(2n+1)): positive terms, no cancellation. */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x * x) / (2 * n + 1);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return ((2 / SQRT_PI) * Math.exp(-x * x) * sum) as number;
}

/** erfc(x) for x > 0 by its continued fraction (modified Lentz), accurate where the series would cancel. */
function erfcFraction(x: number): number {
  // erfc(x) = e^(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x * x) / SQRT_PI / f;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  if (a < 2.5) return erfSeries(x);
  return Math.sign(x) * (1 - erfcFraction(a));
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x < 0.5) return 1 - erf(x);
  if (x < 2.5) return 1 - erfSeries(x);
  return erfcFraction(x);
}

// Lanczos, g = 7, n = 9 (Godfrey's coefficients).
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function lgamma(x: number): number {
  if (Number.isNaN(x)) return x;
  if (!Number.isFinite(x)) return Infinity;
  if (x <= 0 && Math.floor(x) === x) return Infinity;
  if (x === 1 || x === 2) return 0;
  if (x < 0.5) {
    // Reflection: lgamma(x) = log(pi / |sin(pi x)|) - lgamma(1 - x).
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  }
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

// Bernoulli numbers B2..B24, for the asymptotic series of digamma and zeta.
const BERNOULLI = [
  1 / 6,
  -1 / 30,
  1 / 42,
  -1 / 30,
  5 / 66,
  -691 / 2730,
  7 / 6,
  -3617 / 510,
  43867 / 798,
  -174611 / 330,
  854513 / 138,
  -236364091 / 2730,
];

/** cephes psi: reflection below 0, recurrence up to 10, then the asymptotic series. NaN at the poles. */
export function digamma(x: number): number {
  if (Number.isNaN(x) || x === -Infinity) return Number.NaN;
  if (x <= 0) {
    if (Math.floor(x) === x) return Number.NaN;
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  }
  let shift = 0;
  while (x < 10) {
    shift += 1 / x;
    x += 1;
  }
  const z = 1 / (x * x);
  let series = 0;
  for (let k = 7; k >= 1; k--) series = series * z + BERNOULLI[k - 1] / (2 * k);
  return Math.log(x) - 0.5 / x - series * z - shift;
}

/** (2k)! / B2k for k = 1..12: the Euler-Maclaurin coefficients of cephes zeta. */
const ZETA_A = BERNOULLI.map((b, i) => {
  let f = 1;
  for (let j = 2; j <= 2 * i + 2; j++) f *= j;
  return f / b;
});

/** cephes zeta(x, q): the Hurwitz zeta function sum over k >= 0 of (k + q)^-x. */
export function zeta(x: number, q: number): number {
  if (x === 1) return Infinity;
  if (x < 1) return Number.NaN;
  if (q <= 0) {
    if (q === Math.floor(q)) return Infinity;
    if (x !== Math.floor(x)) return Number.NaN;
  }
  let s = q ** -x;
  let a = q;
  let b = 0;
  let i = 0;
  while (i < 9 || a <= 9) {
    i++;
    a += 1;
    b = a ** -x;
    s += b;
    if (Math.abs(b / s) < EPS) return s;
  }
  const w = a;
  s += (b * w) / (x - 1);
  s -= 0.5 * b;
  let f = 1;
  let k = 0;
  for (let j = 0; j < 12; j++) {
    f *= x + k;
    b /= w;
    const t = (f * b) / ZETA_A[j];
    s += t;
    if (Math.abs(t / s) < EPS) return s;
    k += 1;
    f *= x + k;
    b /= w;
    k += 1;
  }
  return s;
}

/** Eigen polygamma(n, x): digamma for n = 0, (-1)^(n+1) n! zeta(n + 1, x) else; NaN for a non-integer n. */
export function polygamma(n: number, x: number): number {
  if (n !== Math.floor(n) || n < 0) return Number.NaN;
  if (n === 0) return digamma(x);
  let factorial = 1;
  for (let j = 2; j <= n; j++) factorial *= j;
  return (n % 2 === 1 ? 1 : -1) * factorial * zeta(n + 1, x);
}
