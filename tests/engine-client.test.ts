/**
 * The page's engine client (`src/editor/engine/client.ts`) with its worker replaced by an
 * in-process engine behind the same asynchronous calls: documents go over once per revision,
 * the worker stops when idle and starts again on the next request, and analyses are answered
 * on the page while the worker loads.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineClient, type EngineWorkerHandle } from '../src/editor/engine/client';
import type { BlueprintDocument } from '../src/sim/document';
import { validateDocument } from '../src/sim/parse';
import { createEngine } from '../src/workers/engine';

const courier = JSON.parse(
  readFileSync('examples/courier.blueprint.json', 'utf8'),
) as BlueprintDocument;

interface FakeWorkers {
  started: number;
  terminated: number;
  /** Documents that crossed to a worker. */
  documentsSent: number;
  validations: number;
  start: () => EngineWorkerHandle;
}

function fakeWorkers(): FakeWorkers {
  const fake: FakeWorkers = {
    started: 0,
    terminated: 0,
    documentsSent: 0,
    validations: 0,
    start: () => {
      fake.started += 1;
      const engine = createEngine({
        steps: {
          validate: (document) => {
            fake.validations += 1;
            return validateDocument(document);
          },
        },
      });
      const later = <T>(value: () => T) =>
        new Promise<T>((resolve) => setTimeout(() => resolve(value()), 1));
      return {
        api: {
          ping: () => later(() => true as const),
          setDocument: (revision, document) => {
            fake.documentsSent += 1;
            return later(() => engine.setDocument(revision, document));
          },
          resume: (revision) => later(() => engine.resume(revision)),
          analyze: (revision, params) => later(() => engine.analyze(revision, params)),
          readBlueprint: () => Promise.reject(new Error('not used')),
          run: (_jobId, kind, revision, params) => engine.run(kind, revision, params),
          cancel: () => later(() => undefined),
        },
        terminate: () => {
          fake.terminated += 1;
        },
        onFailure: () => undefined,
      };
    },
  };
  return fake;
}

const clients: EngineClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.stop();
});

function client(fake: FakeWorkers, idleTimeoutMs: number): EngineClient {
  const made = new EngineClient({ startWorker: fake.start, idleTimeoutMs });
  clients.push(made);
  return made;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the engine client', () => {
  it('answers on the page while the worker loads, then in the worker, one document per revision', async () => {
    const fake = fakeWorkers();
    const engine = client(fake, 10_000);
    const first = await engine.analyze(courier, { scenarioId: null });
    expect(first?.ok && first.analysis.reliability).toBeCloseTo(0.76527991, 8);
    // The worker was not ready yet: nothing was sent to it.
    expect(fake.started).toBe(1);
    expect(fake.documentsSent).toBe(0);
    await wait(10);
    const edited = { ...courier, title: 'Edited' };
    await engine.analyze(edited, { scenarioId: null });
    await engine.analyze(edited, { scenarioId: 'recover-3' });
    expect(fake.documentsSent).toBe(1);
    // Simulating the same revision sends nothing more and validates nothing more.
    await engine.run('compare', edited, { trials: 1, workers: 1 }).catch(() => undefined);
    expect(fake.documentsSent).toBe(1);
    expect(fake.validations).toBe(1);
  });

  it('stops the worker when idle and starts it again for the next request', async () => {
    const fake = fakeWorkers();
    const engine = client(fake, 60);
    engine.warm();
    await wait(10);
    await engine.analyze(courier, { scenarioId: null });
    expect(engine.workerRunning).toBe(true);
    await wait(150);
    expect(engine.workerRunning).toBe(false);
    expect(fake.terminated).toBe(1);
    // The next request is answered at once, on the page, while the worker starts again.
    const answer = await engine.analyze(courier, { scenarioId: null });
    expect(answer?.ok).toBe(true);
    expect(fake.started).toBe(2);
    expect(engine.workerRunning).toBe(true);
  });
});
