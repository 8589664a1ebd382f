import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SPEEDS, TeachingPlayer } from '../../src/editor/teaching/player';
import type { Model } from '../../src/sim/model';
import { runTrace, Tracer } from '../../src/sim/trace';
import { createTraceWorkerApi } from '../../src/workers/trace-api';
import {
  countCustomers,
  emptyCounts,
  EVENT,
  traceBatch,
  type TraceBatch,
  type TraceCounts,
} from '../../src/workers/trace-batch';
import {
  countMark,
  DWELL,
  MARK,
  MARK_FIELDS,
  MOVE_FIELDS,
  packWalks,
  scheduleCustomer,
} from '../../src/workers/trace-walks';
import { loadExample } from '../examples';

const EXAMPLES = [
  'courier.blueprint.json',
  'bank-loan.blueprint.json',
  'appliance-installation.blueprint.json',
  'paint-360.blueprint.json',
];

/** Counts by node id, only where non-zero, as `runTrace` reports them. */
function byId(model: Model, values: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  values.forEach((value, i) => {
    if (value > 0) out[model.nodes[i].id] = value;
  });
  return out;
}

function expectSameAsTrace(model: Model, counts: TraceCounts, customers: number, seed: number) {
  const summary = runTrace(model, { customers, seed, show: 0 });
  expect(counts.customers).toBe(customers);
  expect(counts.successes).toBe(summary.successes);
  expect(counts.failures).toBe(summary.failures);
  expect(counts.stopped).toBe(summary.stopped);
  expect(byId(model, counts.arrived)).toEqual(summary.visits);
  expect(byId(model, counts.recovered)).toEqual(summary.recoveries);
  expect(byId(model, counts.failed)).toEqual(summary.uncaughtFailures);
  expect(byId(model, counts.failPoints)).toEqual(summary.failPoints);
}

describe('traced customers in batches', () => {
  it.each(EXAMPLES)('count %s in uneven batches exactly as runTrace does', (file) => {
    const { model } = loadExample(file);
    const tracer = new Tracer(model);
    const counts = emptyCounts(model.nodes.length);
    let first = 1;
    for (const size of [1, 7, 50, 142]) {
      countCustomers(counts, traceBatch(tracer, 7, first, size));
      first += size;
    }
    expectSameAsTrace(model, counts, 200, 7);
  });

  it('give every customer a record range ending with its end', () => {
    const { model } = loadExample('bank-loan.blueprint.json');
    const batch = traceBatch(new Tracer(model), 3, 11, 20);
    expect(batch.first).toBe(11);
    expect(batch.starts).toHaveLength(21);
    for (let i = 0; i < batch.count; i++) {
      const last = batch.starts[i + 1] - 1;
      expect(batch.kind[last]).toBe(EVENT.ended);
      expect(batch.kind[batch.starts[i]]).toBe(EVENT.arrive);
    }
    // Customer 11 alone is the same customer as in the batch: each has its own stream.
    const alone = traceBatch(new Tracer(model), 3, 11, 1);
    expect([...alone.kind]).toEqual([...batch.kind.slice(0, batch.starts[1])]);
  });

  it('are refused in a sentence when out of range or nothing is loaded', () => {
    const api = createTraceWorkerApi();
    expect(() => api.walks(7, 1, 10)).toThrow(/No blueprint is loaded/);
    const document = JSON.parse(readFileSync('examples/courier.blueprint.json', 'utf8')) as unknown;
    const loaded = api.load(document, null, 'en');
    expect(loaded.ok).toBe(true);
    expect(() => api.walks(-1, 1, 10)).toThrow(/seed must be a whole number/);
    expect(() => api.walks(7, 0, 10)).toThrow(/customers 0 to 9/);
    expect(api.walks(7, 1, 10).count).toBe(10);
    const bad = api.load({ version: 1, nodes: 'no' }, null, 'en');
    expect(bad.ok).toBe(false);
  });
});

/** A batch written by hand: one customer, records as [kind, token, node, edge, extra]. */
function handBatch(records: [number, number, number, number, number][]): TraceBatch {
  return {
    first: 1,
    count: 1,
    starts: Uint32Array.from([0, records.length]),
    kind: Uint8Array.from(records.map((r) => r[0])),
    token: Int32Array.from(records.map((r) => r[1])),
    node: Int32Array.from(records.map((r) => r[2])),
    edge: Int32Array.from(records.map((r) => r[3])),
    extra: Int32Array.from(records.map((r) => r[4])),
  };
}

describe('the playback schedule', () => {
  it('plays a straight walk edge after edge, in order', () => {
    // start(0) → step(1) → end(2) along edges 0 and 1.
    const walk = scheduleCustomer(
      handBatch([
        [EVENT.arrive, 0, 0, -1, 0],
        [EVENT.done, 0, 0, 0, 0],
        [EVENT.arrive, 0, 1, -1, 0],
        [EVENT.done, 0, 1, 1, 0],
        [EVENT.arrive, 0, 2, -1, 0],
        [EVENT.ended, 0, 2, -1, 0],
      ]),
      0,
    );
    expect(walk.moves.map((m) => m.edge)).toEqual([0, 1]);
    expect(walk.moves[0].start).toBeCloseTo(DWELL);
    expect(walk.moves[0].end).toBeCloseTo(DWELL + 1);
    expect(walk.moves[1].start).toBeCloseTo(2 * DWELL + 1);
    expect(walk.moves[1].end).toBeCloseTo(2 * DWELL + 2);
    expect(walk.marks.map((m) => m.kind)).toEqual(['arrive', 'arrive', 'arrive', 'served']);
    expect(walk.marks[1].at).toBe(walk.moves[0].end);
    expect(walk.outcome).toBe('served');
    expect(walk.duration).toBeGreaterThan(walk.marks[3].at);
  });

  it('plays parallel branches at once and leaves the join after the slowest', () => {
    // start(0) → parallel(1) splits into edges 1 (to 2) and 2 (to 3 → 4); both reach join 5.
    const walk = scheduleCustomer(
      handBatch([
        [EVENT.arrive, 0, 0, -1, 0],
        [EVENT.done, 0, 0, 0, 0],
        [EVENT.arrive, 0, 1, -1, 0],
        [EVENT.split, 0, 1, 1, 1],
        [EVENT.split, 0, 1, 2, 2],
        [EVENT.arrive, 1, 2, -1, 0],
        [EVENT.done, 1, 2, 3, 0],
        [EVENT.arrive, 1, 5, -1, 0],
        [EVENT.arrive, 2, 3, -1, 0],
        [EVENT.done, 2, 3, 4, 0],
        [EVENT.arrive, 2, 4, -1, 0],
        [EVENT.done, 2, 4, 5, 0],
        [EVENT.arrive, 2, 5, -1, 0],
        [EVENT.joined, 0, 5, 6, 1],
        [EVENT.arrive, 0, 6, -1, 0],
        [EVENT.ended, 0, 6, -1, 0],
      ]),
      0,
    );
    const byEdge = new Map(walk.moves.map((m) => [m.edge, m]));
    // Both branches leave the parallel node at the same moment, on tokens of their own.
    expect(byEdge.get(1)!.start).toBe(byEdge.get(2)!.start);
    expect(byEdge.get(1)!.token).not.toBe(byEdge.get(2)!.token);
    // The short branch reaches the join a step before the long one; the block leaves after it.
    expect(byEdge.get(5)!.end - byEdge.get(3)!.end).toBeCloseTo(1 + DWELL);
    expect(byEdge.get(6)!.start).toBeCloseTo(byEdge.get(5)!.end + DWELL);
    expect(byEdge.get(6)!.token).toBe(0);
  });

  it('sends a failed step back along its failure edge, drawn as a failure', () => {
    // step 1 fails, rework 2 via failure edge 1, back to step 1 via edge 2, then passes.
    const walk = scheduleCustomer(
      handBatch([
        [EVENT.arrive, 0, 1, -1, 0],
        [EVENT.failed, 0, 1, 1, 0],
        [EVENT.arrive, 0, 2, -1, 0],
        [EVENT.done, 0, 2, 2, 0],
        [EVENT.arrive, 0, 1, -1, 0],
        [EVENT.recovered, 0, 1, 3, 0],
        [EVENT.arrive, 0, 3, -1, 0],
        [EVENT.ended, 0, 3, -1, 0],
      ]),
      0,
    );
    expect(walk.moves.map((m) => [m.edge, m.failure])).toEqual([
      [1, true],
      [2, false],
      [3, false],
    ]);
    expect(walk.marks.map((m) => m.kind)).toEqual([
      'arrive',
      'rework',
      'arrive',
      'arrive',
      'recovered',
      'arrive',
      'served',
    ]);
    for (let i = 1; i < walk.moves.length; i++) {
      expect(walk.moves[i].start).toBeGreaterThanOrEqual(walk.moves[i - 1].end);
    }
  });

  it('packs every example customer so that its marks count exactly what its events count', () => {
    for (const file of EXAMPLES) {
      const { model } = loadExample(file);
      const batch = traceBatch(new Tracer(model), 5, 1, 300);
      const walks = packWalks(batch);
      const fromMarks = emptyCounts(model.nodes.length);
      for (let k = 0; k < walks.markStarts[walks.count]; k++) {
        countMark(fromMarks, walks.marks[k * MARK_FIELDS], walks.marks[k * MARK_FIELDS + 1]);
      }
      expect(fromMarks).toEqual(countCustomers(emptyCounts(model.nodes.length), batch));
      for (let i = 0; i < walks.count; i++) {
        const walk = scheduleCustomer(batch, i);
        expect(walks.moveStarts[i + 1] - walks.moveStarts[i]).toBe(walk.moves.length);
        expect(walks.durations[i]).toBeCloseTo(walk.duration, 4);
        // Each customer's marks end with exactly one end of the walk.
        const ends = [];
        for (let k = walks.markStarts[i]; k < walks.markStarts[i + 1]; k++) {
          const kind = walks.marks[k * MARK_FIELDS];
          if (kind === MARK.served || kind === MARK.lost || kind === MARK.stopped) ends.push(k);
        }
        expect(ends).toEqual([walks.markStarts[i + 1] - 1]);
        // Moves are packed by start time, as the overlay's bisection needs.
        for (let m = walks.moveStarts[i] + 1; m < walks.moveStarts[i + 1]; m++) {
          expect(walks.moves[m * MOVE_FIELDS + 2]).toBeGreaterThanOrEqual(
            walks.moves[(m - 1) * MOVE_FIELDS + 2],
          );
        }
      }
    }
  });
});

describe('the player', () => {
  function playerFor(file: string, seed: number) {
    const { model } = loadExample(file);
    const tracer = new Tracer(model);
    let asked = 0;
    const source = (s: number, first: number, count: number) => {
      asked++;
      return Promise.resolve(packWalks(traceBatch(tracer, s, first, count)));
    };
    return {
      model,
      player: new TeachingPlayer(source, model.nodes.length, seed),
      asked: () => asked,
    };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  async function runUntil(
    player: TeachingPlayer,
    done: () => boolean,
    dt = 1 / 60,
    frames = 100_000,
  ) {
    let t = player.time;
    for (let frame = 0; frame < frames && !done(); frame++) {
      t += dt;
      player.tick(t);
      if (frame % 10 === 0) await settle();
    }
  }

  it('stops at its target with counters equal to the trace of that many customers', async () => {
    for (const file of EXAMPLES) {
      const { model, player } = playerFor(file, 7);
      player.setSpeed(SPEEDS.length - 1);
      player.setTarget(200);
      player.play();
      await runUntil(player, () => !player.playing && player.walking.length === 0);
      const shown = player.snapshot();
      expect(shown.walked).toBe(200);
      expectSameAsTrace(model, shown.counts, 200, 7);
      expect(shown.share.at(-1)).toEqual({
        customers: 200,
        share: shown.counts.successes / 200,
      });
      // The chart's points are the share among the first n customers, in customer order.
      const summary50 = runTrace(model, { customers: 50, seed: 7, show: 0 });
      expect(shown.share.find((p) => p.customers === 50)?.share).toBe(summary50.reliability);
    }
  });

  it('walks exactly one more customer for "One customer" while paused', async () => {
    const { model, player } = playerFor('courier.blueprint.json', 7);
    player.setTarget(null);
    expect(player.stepOne()).toBe(true);
    await settle();
    await runUntil(player, () => player.snapshot().walked === 1 && player.walking.length === 0);
    expect(player.snapshot().walked).toBe(1);
    player.stepOne();
    await runUntil(player, () => player.snapshot().walked === 2 && player.walking.length === 0);
    // Nothing else starts while paused.
    await runUntil(player, () => false, 0.5, 20);
    expect(player.snapshot().walked).toBe(2);
    expectSameAsTrace(model, player.snapshot().counts, 2, 7);
    player.play();
    expect(player.stepOne()).toBe(false);
  });

  it('plays one customer at a time at the slowest speed, many at once at the fastest', async () => {
    const slow = playerFor('courier.blueprint.json', 1).player;
    slow.setSpeed(0);
    slow.play();
    let most = 0;
    await runUntil(slow, () => {
      most = Math.max(most, slow.walking.length);
      return slow.snapshot().walked >= 3;
    });
    expect(most).toBe(1);
    // Each readable walk lasts about 1.5 s of play.
    expect(slow.time).toBeGreaterThan(3 * 1.2);

    const fast = playerFor('courier.blueprint.json', 1).player;
    fast.setSpeed(SPEEDS.length - 1);
    fast.play();
    most = 0;
    await runUntil(fast, () => {
      most = Math.max(most, fast.walking.length);
      return fast.time > 2;
    });
    expect(most).toBeGreaterThan(50);
    expect(fast.snapshot().walked).toBeGreaterThan(500);
  });

  it('resets to customer 1 with zero counters, and a new seed gives other customers', async () => {
    const { player } = playerFor('appliance-installation.blueprint.json', 7);
    player.setSpeed(SPEEDS.length - 1);
    player.setTarget(100);
    player.play();
    await runUntil(player, () => !player.playing && player.walking.length === 0);
    const first = player.snapshot().counts;
    player.reset();
    expect(player.snapshot().walked).toBe(0);
    expect([...player.snapshot().counts.arrived].every((v) => v === 0)).toBe(true);
    player.play();
    await runUntil(player, () => !player.playing && player.walking.length === 0);
    expect(player.snapshot().counts).toEqual(first);
    player.reset(8);
    player.play();
    await runUntil(player, () => !player.playing && player.walking.length === 0);
    expect(player.snapshot().seed).toBe(8);
    expect(player.snapshot().counts.arrived).not.toEqual(first.arrived);
  });
});
