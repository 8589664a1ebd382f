/**
 * Seeded random numbers for the Monte Carlo engine.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's "small fast chaotic" generator): four 32-bit
 * words of state, a handful of additions, shifts and xors per draw, no multiplication, and it
 * passes the usual statistical batteries. It is fast in JavaScript because every operation
 * stays in 32-bit integers.
 *
 * Reproducibility across any number of workers comes from independent streams: the trials
 * are cut into chunks and each chunk draws from its own stream, derived by hashing
 * (seed, stream index, purpose). Which worker runs a chunk then makes no difference.
 */

/** 2⁻³², to turn a 32-bit draw into a fraction. */
const TWO_TO_MINUS_32 = 1 / 4294967296;
/** 2⁻²¹: the weight of the last bit of a 53-bit draw on the scale of a 32-bit one. */
const TWO_TO_MINUS_21 = 1 / 2097152;
/** 2⁻⁵³, to turn a 53-bit draw into a fraction. */
const TWO_TO_MINUS_53 = 1 / 9007199254740992;

/** The golden-ratio increment used by splitmix-style seeding. */
const GOLDEN = 0x9e3779b9;

/** Largest seed accepted: seeds are whole numbers from 0 to 2⁵³ − 1. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

/**
 * What a stream is used for, so that the streams of different analyses with the same seed
 * and chunk index never coincide.
 */
export const STREAM_PURPOSE = {
  /** Plain simulation: one stream per chunk of trials. */
  trials: 1,
  /** Paired scenario comparison: one master stream per chunk, one sub-stream per trial. */
  comparison: 2,
  /** Uncertainty analysis: one stream per chunk of Beta draws. */
  uncertainty: 3,
} as const;

/**
 * A bijective 32-bit mixer (the murmur3 finaliser): nearby inputs give unrelated outputs.
 * Returns an unsigned 32-bit integer.
 */
export function mix32(value: number): number {
  let z = value | 0;
  z ^= z >>> 16;
  z = Math.imul(z, 0x85ebca6b);
  z ^= z >>> 13;
  z = Math.imul(z, 0xc2b2ae35);
  z ^= z >>> 16;
  return z >>> 0;
}

/** True when `seed` is a whole number from 0 to {@link MAX_SEED}. */
export function isValidSeed(seed: number): boolean {
  return Number.isSafeInteger(seed) && seed >= 0;
}

/**
 * Hashes a seed (0 to 2⁵³ − 1), a stream index (0 to 2³² − 1) and a purpose into one
 * 32-bit key. Different arguments give unrelated keys.
 */
export function streamKey(seed: number, stream: number, purpose: number): number {
  const low = seed >>> 0;
  const high = Math.floor(seed / 4294967296) >>> 0;
  let h = mix32(purpose + GOLDEN);
  h = mix32(h ^ low);
  h = mix32((h + GOLDEN) ^ high);
  h = mix32((h + 2 * GOLDEN) ^ (stream >>> 0));
  return h;
}

/**
 * An sfc32 generator. Its state is four public 32-bit words so that the trial loop can save
 * and restore it cheaply (common random numbers reseed it for every trial).
 */
export class RandomStream {
  a = 0;
  b = 0;
  c = 0;
  d = 1;

  /**
   * @param seed whole number, 0 to 2⁵³ − 1.
   * @param stream index of the independent stream (a chunk index), 0 to 2³² − 1.
   * @param purpose one of {@link STREAM_PURPOSE}.
   */
  constructor(seed = 1, stream = 0, purpose: number = STREAM_PURPOSE.trials) {
    this.seed(seed, stream, purpose);
  }

  /** Restarts the generator on the stream of (seed, stream, purpose). */
  seed(seed: number, stream = 0, purpose: number = STREAM_PURPOSE.trials): void {
    const key = streamKey(seed, stream, purpose);
    this.setState(mix32(key + GOLDEN), mix32(key + 2 * GOLDEN), mix32(key + 3 * GOLDEN));
  }

  /**
   * Sets the state from three 32-bit words (the fourth, a counter, restarts at 1) and runs the
   * generator a few rounds so that similar words give unrelated draws.
   */
  setState(a: number, b: number, c: number): void {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /**
   * Sets the state from three words that are already random (drawn from another stream), with
   * no warm-up: used once per trial by common random numbers, where speed matters.
   */
  setRandomState(a: number, b: number, c: number): void {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = 1;
  }

  /** A uniform whole number from 0 to 2³² − 1. */
  nextUint32(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const t = (((a + b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /**
   * The 21 bits that extend a 32-bit draw u to a 53-bit one, u + f, as the fraction f in [0, 1)
   * in steps of 2⁻²¹. The trial loop draws them only when u alone cannot decide a comparison
   * with a threshold (u is the whole part of the threshold), about once in 2³² comparisons.
   */
  nextFineFraction(): number {
    return (this.nextUint32() >>> 11) * TWO_TO_MINUS_21;
  }

  /** A uniform fraction in [0, 1) with 53 random bits (two 32-bit draws). */
  nextUnit53(): number {
    const high = this.nextUint32();
    return (high * 2097152 + (this.nextUint32() >>> 11)) * TWO_TO_MINUS_53;
  }

  /** A uniform fraction strictly between 0 and 1 (never 0, so its logarithm is finite). */
  nextUnit(): number {
    return (this.nextUint32() + 0.5) * TWO_TO_MINUS_32;
  }
}

/** A standard normal variate (mean 0, standard deviation 1), by the Box–Muller transform. */
export function normalVariate(random: RandomStream): number {
  const u = random.nextUnit();
  const v = random.nextUnit();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A Gamma(shape, 1) variate by Marsaglia and Tsang's squeeze method. Shapes below 1 use the
 * boost Gamma(shape) = Gamma(shape + 1) · U^(1/shape).
 *
 * @param shape the shape parameter, > 0.
 */
export function gammaVariate(random: RandomStream, shape: number): number {
  if (shape < 1) {
    return gammaVariate(random, shape + 1) * Math.pow(random.nextUnit(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normalVariate(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random.nextUnit();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * A Beta(alpha, beta) variate, as X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta).
 *
 * @returns a probability, 0–1.
 */
export function betaVariate(random: RandomStream, alpha: number, beta: number): number {
  const x = gammaVariate(random, alpha);
  const y = gammaVariate(random, beta);
  return x / (x + y);
}
