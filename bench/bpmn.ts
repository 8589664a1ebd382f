/**
 * Timings of BPMN interchange (SPEC §7): importing a large process-mining model (the BPIC 2015
 * model discovered by Split Miner, 500+ elements, in `tests/fixtures/bpmn/real/`) under 2 s, and
 * writing the blueprint it gives back as BPMN. Both are asynchronous (bpmn-moddle parses and
 * serialises with promises), so each run is awaited on its own; the median is over the runs
 * after one warm-up run, so the JIT has compiled the parser.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { readBpmn, writeBpmn } from '../src/document/bpmn';
import type { BenchRow } from './types';

const LARGE_FILE = 'tests/fixtures/bpmn/real/simod-bpic15-split-miner.bpmn';
const RUNS = 7;
const IMPORT_BAR_MS = 2000;
/** The opening tags of flow elements (tasks, events, gateways, flows), with or without a prefix. */
const FLOW_ELEMENT =
  /<(?:[A-Za-z]+:)?(?:task|[a-z]+Task|[a-z]+Gateway|[a-z]+Event|sequenceFlow|subProcess|callActivity)[\s>]/g;

/** Median milliseconds of the awaited `run` over {@link RUNS} runs, after one warm-up. */
async function medianMs(run: () => Promise<unknown>): Promise<number> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

/** Rows for the import and the export of the large real file. */
export async function benchBpmn(): Promise<BenchRow[]> {
  const bytes = new Uint8Array(readFileSync(LARGE_FILE));
  const read = await readBpmn(bytes);
  if (!read.ok) {
    throw new Error(
      `${LARGE_FILE} is refused: ${read.report.notes.map((n) => n.message).join(' ')}`,
    );
  }
  const { document } = read;
  const elements = new TextDecoder().decode(bytes).match(FLOW_ELEMENT) ?? [];
  const size = `${Math.round(bytes.length / 1024)} KiB, ${elements.length} flow elements → ${document.nodes.length} nodes, ${document.edges.length} edges; median of ${RUNS}`;

  const importMs = await medianMs(() => readBpmn(bytes));
  const exportMs = await medianMs(() => writeBpmn(document));
  return [
    {
      name: 'BPMN import, BPIC 2015 (Split Miner)',
      median: importMs,
      unit: 'ms',
      bar: `< ${IMPORT_BAR_MS.toLocaleString('en-US')} ms`,
      pass: importMs < IMPORT_BAR_MS,
      note: size,
    },
    {
      name: 'BPMN export, the same blueprint',
      median: exportMs,
      unit: 'ms',
      note: `writeBpmn with full BPMN-DI; median of ${RUNS}`,
    },
  ];
}
