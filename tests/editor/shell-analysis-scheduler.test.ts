import { describe, expect, it } from 'vitest';
import {
  AnalysisScheduler,
  type AnalysisRequest,
  type AnalysisResponse,
} from '../../src/editor/results/analysisClient';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const answer = (millis: number): AnalysisResponse => ({ ok: false, diagnostics: [], millis });
const request = (n: number): AnalysisRequest => ({ document: { n }, scenarioId: null });

describe('analysis scheduling', () => {
  it('sends only the newest request once the worker is free, and delivers only current answers', async () => {
    const sent: number[] = [];
    const pending: ReturnType<typeof deferred<AnalysisResponse>>[] = [];
    const delivered: number[] = [];
    const scheduler = new AnalysisScheduler({
      analyser: (req) => {
        sent.push((req.document as { n: number }).n);
        const next = deferred<AnalysisResponse>();
        pending.push(next);
        return next.promise;
      },
      deliver: (response) => delivered.push(response.millis),
      fail: (error) => {
        throw error;
      },
    });
    scheduler.submit(request(1));
    scheduler.submit(request(2));
    scheduler.submit(request(3));
    await Promise.resolve();
    // The first request went at once; 2 was replaced by 3 while 1 ran.
    expect(sent).toEqual([1]);
    pending[0].resolve(answer(1));
    await new Promise((r) => setTimeout(r, 0));
    expect(sent).toEqual([1, 3]);
    // The answer to 1 came after 3 was asked for: it is stale and not shown.
    expect(delivered).toEqual([]);
    pending[1].resolve(answer(3));
    await new Promise((r) => setTimeout(r, 0));
    expect(delivered).toEqual([3]);
  });

  it('reports a failing analysis', async () => {
    const errors: unknown[] = [];
    const scheduler = new AnalysisScheduler({
      analyser: () => Promise.reject(new Error('broken')),
      deliver: () => undefined,
      fail: (error) => errors.push(error),
    });
    scheduler.submit(request(1));
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toHaveLength(1);
  });
});
