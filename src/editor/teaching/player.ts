/**
 * The teaching mode's player: which customers are walking, where their tokens are, and the
 * counters they have reached. It runs on the page's clock (`tick`), asks its source for walks
 * in batches ahead of need, and never touches the DOM: the overlay draws what it holds, the
 * teaching panel reads {@link TeachingPlayer.snapshot} a few times a second.
 *
 * Customers start at the speed's rate (one at a time at the slowest speed); Pause starts no
 * more and lets the customers on their way finish, so the counters settle on whole customers.
 * A customer's counters are applied as its tokens reach each mark, so after N customers have
 * ended the counters hold exactly what their events count.
 */
import { emptyCounts, type TraceCounts } from '../../workers/trace-batch';
import { countMark, MARK, MARK_FIELDS, type WalkBatch } from '../../workers/trace-walks';

/**
 * The speeds, slowest first: customers started per second, and seconds a typical customer's
 * walk lasts. The slowest plays one customer at a time.
 */
export const SPEEDS: readonly { perSecond: number; walkSeconds: number }[] = [
  { perSecond: 0.5, walkSeconds: 1.5 },
  { perSecond: 2, walkSeconds: 1.2 },
  { perSecond: 5, walkSeconds: 1 },
  { perSecond: 10, walkSeconds: 0.8 },
  { perSecond: 25, walkSeconds: 0.6 },
  { perSecond: 50, walkSeconds: 0.5 },
  { perSecond: 100, walkSeconds: 0.4 },
  { perSecond: 250, walkSeconds: 0.3 },
  { perSecond: 500, walkSeconds: 0.25 },
];

/** The speed the mode starts at: a few customers a second, each readable. */
export const DEFAULT_SPEED = 1;

/** Where walks come from: the trace worker, or the trace itself in tests. */
export type WalkSource = (seed: number, first: number, count: number) => Promise<WalkBatch>;

/** A customer on its way: customer `batch.first + index`. */
export interface Walking {
  batch: WalkBatch;
  index: number;
  /** Player seconds when the walk started. */
  started: number;
  /** Seconds per step of this walk. */
  stepSeconds: number;
  /** Index (in `batch.marks`, by mark) of the next mark to apply. */
  nextMark: number;
}

/** A share-served point of the chart. */
export interface SharePoint {
  customers: number;
  share: number;
}

/** What the teaching panel and the badges show. */
export interface TeachingSnapshot {
  seed: number;
  speed: number;
  playing: boolean;
  /** Customers started and not yet ended. */
  walking: number;
  /** Customers whose walk has ended. */
  walked: number;
  /** Stop after this many customers, or null. */
  target: number | null;
  counts: TraceCounts;
  /**
   * Share served among customers 1 to n, for each n whose customers have all ended (in
   * customer order, whatever order their walks ended in), thinned to at most
   * {@link MAX_POINTS} points.
   */
  share: SharePoint[];
  /** A sentence when customers could not be traced. */
  error: string | null;
}

const MAX_POINTS = 240;
/** Customers fetched at least this long ahead of need, seconds of play. */
const AHEAD_SECONDS = 1;
const MIN_BATCH = 16;
const MAX_BATCH = 500;
/** Seconds between two customers at the slowest speed, after the first has ended. */
const ONE_AT_A_TIME_GAP = 0.4;

export class TeachingPlayer {
  private seedValue: number;
  private speedValue = DEFAULT_SPEED;
  private playingValue = false;
  private targetValue: number | null = null;
  private counts: TraceCounts;
  private share: SharePoint[] = [];
  private shareStride = 1;
  /** Customers 1 to this have all ended; {@link prefixServed} of them were served. */
  private prefix = 0;
  private prefixServed = 0;
  /** Customers past the prefix who have ended: number → served. */
  private endedAhead = new Map<number, boolean>();
  /** Batches of walks not all started yet; the first starts at {@link queueNext}. */
  private queue: WalkBatch[] = [];
  private queueNext = 0;
  private walkingList: Walking[] = [];
  /** Customer number of the next batch to ask for. */
  private nextFetch = 1;
  private fetching = false;
  /** Bumped by a reset: answers for an earlier generation are dropped. */
  private generation = 0;
  private started = 0;
  private walked = 0;
  private nextStart = 0;
  private now = 0;
  /** Mean length of the first customers' walks, steps: what a "typical customer" takes. */
  private typicalSteps: number | null = null;
  private error: string | null = null;
  private version = 0;
  /** "One customer" presses whose customer has not started yet. */
  private pendingSteps = 0;

  constructor(
    private readonly source: WalkSource,
    private readonly nodes: number,
    seed: number,
  ) {
    this.seedValue = seed;
    this.counts = emptyCounts(nodes);
  }

  /** Changes with every change of what {@link snapshot} returns. */
  get changes(): number {
    return this.version;
  }

  get seed(): number {
    return this.seedValue;
  }

  get speed(): number {
    return this.speedValue;
  }

  get playing(): boolean {
    return this.playingValue;
  }

  /** The customers on their way, for the overlay to draw. */
  get walking(): readonly Walking[] {
    return this.walkingList;
  }

  /** Player seconds: the clock the walks started on. */
  get time(): number {
    return this.now;
  }

  /** Counters back to zero and customer 1 next, with `seed` (default the same). */
  reset(seed = this.seedValue): void {
    this.generation++;
    this.seedValue = seed;
    this.counts = emptyCounts(this.nodes);
    this.share = [];
    this.shareStride = 1;
    this.prefix = 0;
    this.prefixServed = 0;
    this.endedAhead.clear();
    this.queue = [];
    this.queueNext = 0;
    this.walkingList = [];
    this.nextFetch = 1;
    this.fetching = false;
    this.started = 0;
    this.walked = 0;
    this.pendingSteps = 0;
    this.nextStart = this.now;
    this.playingValue = false;
    this.typicalSteps = null;
    this.error = null;
    this.changed();
  }

  play(): void {
    if (this.targetReached()) return;
    this.playingValue = true;
    this.nextStart = Math.max(this.nextStart, this.now);
    this.changed();
  }

  /** Starts no more customers; those on their way finish. */
  pause(): void {
    this.playingValue = false;
    this.changed();
  }

  /** Speed `index` of {@link SPEEDS}, clamped. */
  setSpeed(index: number): void {
    this.speedValue = Math.max(0, Math.min(SPEEDS.length - 1, Math.round(index)));
    this.nextStart = Math.min(this.nextStart, this.now + 1 / SPEEDS[this.speedValue].perSecond);
    this.changed();
  }

  /** Stop after `customers` customers (null: never). */
  setTarget(customers: number | null): void {
    this.targetValue = customers;
    if (this.targetReached()) this.playingValue = false;
    this.changed();
  }

  /**
   * Sends exactly one more customer on its way, at the slowest (readable) pace; only while
   * paused (returns false otherwise). The customer starts at the next tick that has one traced.
   */
  stepOne(): boolean {
    if (this.playingValue || this.targetReached()) return false;
    this.pendingSteps++;
    this.prefetch(this.pendingSteps);
    return true;
  }

  /** Advances the player to `seconds` (a monotonic clock): starts, moves and ends customers. */
  tick(seconds: number): void {
    this.now = seconds;
    const speed = SPEEDS[this.speedValue];
    if (this.pendingSteps > 0) this.prefetch(this.pendingSteps);
    while (this.pendingSteps > 0 && !this.targetReached() && this.launch(SPEEDS[0].walkSeconds)) {
      this.pendingSteps--;
    }
    if (this.playingValue) {
      this.prefetch(Math.ceil(speed.perSecond * AHEAD_SECONDS));
      if (this.speedValue === 0) {
        if (this.walkingList.length === 0 && this.now >= this.nextStart) {
          if (this.launch(speed.walkSeconds)) this.nextStart = Infinity;
        }
      } else {
        // After a long frame, no more than a second's worth of customers start at once.
        this.nextStart = Math.max(this.nextStart, this.now - 1);
        while (this.now >= this.nextStart && !this.targetReached()) {
          if (!this.launch(speed.walkSeconds, this.nextStart)) break;
          this.nextStart += 1 / speed.perSecond;
        }
      }
    }
    this.advance();
  }

  /** What the teaching panel and badges show now; the arrays are copies. */
  snapshot(): TeachingSnapshot {
    const c = this.counts;
    return {
      seed: this.seedValue,
      speed: this.speedValue,
      playing: this.playingValue,
      walking: this.walkingList.length,
      walked: this.walked,
      target: this.targetValue,
      counts: {
        ...c,
        arrived: c.arrived.slice(),
        recovered: c.recovered.slice(),
        failed: c.failed.slice(),
        failPoints: c.failPoints.slice(),
      },
      share: this.share.slice(),
      error: this.error,
    };
  }

  private targetReached(): boolean {
    return this.targetValue !== null && this.started >= this.targetValue;
  }

  /** Walks waiting to start. */
  private queued(): number {
    let waiting = -this.queueNext;
    for (const batch of this.queue) waiting += batch.count;
    return waiting;
  }

  private launch(walkSeconds: number, at = this.now): boolean {
    const batch = this.queue[0];
    if (!batch) return false;
    const index = this.queueNext++;
    if (this.queueNext >= batch.count) {
      this.queue.shift();
      this.queueNext = 0;
    }
    this.typicalSteps ??= typicalSteps(batch);
    this.walkingList.push({
      batch,
      index,
      started: Math.min(at, this.now),
      stepSeconds: walkSeconds / this.typicalSteps,
      nextMark: batch.markStarts[index],
    });
    this.started++;
    if (this.targetReached()) this.playingValue = false;
    this.changed();
    return true;
  }

  private advance(): void {
    let ended = false;
    for (const walking of this.walkingList) {
      const step = (this.now - walking.started) / walking.stepSeconds;
      const { batch, index } = walking;
      const end = batch.markStarts[index + 1];
      const done = step >= batch.durations[index];
      // A walk ending (even within a long frame) counts all of its marks.
      while (
        walking.nextMark < end &&
        (done || batch.marks[walking.nextMark * MARK_FIELDS + 2] <= step)
      ) {
        const at = walking.nextMark++ * MARK_FIELDS;
        countMark(this.counts, batch.marks[at], batch.marks[at + 1]);
        this.version++;
      }
      if (done) ended = true;
    }
    if (!ended) return;
    const still: Walking[] = [];
    for (const walking of this.walkingList) {
      const step = (this.now - walking.started) / walking.stepSeconds;
      if (step < walking.batch.durations[walking.index]) still.push(walking);
      else {
        this.walked++;
        this.ended(walking);
      }
    }
    this.walkingList = still;
    if (this.speedValue === 0 && still.length === 0 && this.nextStart === Infinity) {
      this.nextStart = this.now + ONE_AT_A_TIME_GAP;
    }
    this.changed();
  }

  /**
   * Notes a customer's outcome for the chart. Customers who fail early end before those served
   * who started with them, so the share is taken in customer order: a point for each n once
   * customers 1 to n have all ended.
   */
  private ended(walking: Walking): void {
    const { batch, index } = walking;
    const last = batch.markStarts[index + 1] - 1;
    this.endedAhead.set(batch.first + index, batch.marks[last * MARK_FIELDS] === MARK.served);
    for (;;) {
      const served = this.endedAhead.get(this.prefix + 1);
      if (served === undefined) break;
      this.endedAhead.delete(++this.prefix);
      if (served) this.prefixServed++;
      if (this.prefix % this.shareStride !== 0) continue;
      this.share.push({ customers: this.prefix, share: this.prefixServed / this.prefix });
      if (this.share.length > MAX_POINTS) {
        this.share = this.share.filter((_, i) => i % 2 === 1);
        this.shareStride *= 2;
      }
    }
  }

  /** Asks for customers so that at least `needed` wait in the queue. */
  private prefetch(needed: number): void {
    if (this.fetching || this.error || this.queued() >= needed) return;
    if (this.targetValue !== null && this.nextFetch > this.targetValue) return;
    const count = Math.max(MIN_BATCH, Math.min(MAX_BATCH, needed * 2));
    const generation = this.generation;
    this.fetching = true;
    const first = this.nextFetch;
    this.nextFetch += count;
    this.source(this.seedValue, first, count).then(
      (batch) => {
        if (generation !== this.generation) return;
        this.fetching = false;
        this.queue.push(batch);
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.fetching = false;
        this.error = error instanceof Error ? error.message : String(error);
        this.playingValue = false;
        this.changed();
      },
    );
  }

  private changed(): void {
    this.version++;
  }
}

/** Mean length of a batch's walks, steps (at least 2): what a "typical customer" takes. */
function typicalSteps(batch: WalkBatch): number {
  let sum = 0;
  for (let i = 0; i < batch.count; i++) sum += batch.durations[i];
  return Math.max(2, sum / batch.count);
}
