/**
 * Fresh ids for new nodes, edges and scenarios: a short prefix per kind and the next free number
 * (`s12`, `d3`, `e40`), so ids stay readable in files, scenarios and problem messages.
 */
import type { NodeType } from '../sim/model';

const NODE_PREFIX: Readonly<Record<NodeType, string>> = {
  step: 's',
  decision: 'd',
  parallel: 'p',
  join: 'j',
  start: 'start',
  end: 'end',
};

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Hands out ids with a given prefix that are not taken yet. Scanning the taken ids happens once,
 * so handing out many ids (a large paste) stays linear.
 */
export class IdAllocator {
  private readonly next = new Map<string, number>();

  constructor(private readonly taken: Set<string>) {}

  /**
   * The next free id with this prefix, numbered from 1. With `bareFirst` (`start`, `end`) the
   * bare word comes first and counts as number 1, so the next one is `end2`.
   */
  allocate(prefix: string, bareFirst = false): string {
    if (bareFirst && !this.taken.has(prefix)) {
      this.taken.add(prefix);
      return prefix;
    }
    let n = this.next.get(prefix);
    if (n === undefined) {
      const pattern = new RegExp(`^${escape(prefix)}(\\d+)$`);
      n = bareFirst ? 2 : 1;
      for (const id of this.taken) {
        const match = pattern.exec(id);
        if (match) n = Math.max(n, Number(match[1]) + 1);
      }
    }
    let id = `${prefix}${n}`;
    while (this.taken.has(id)) id = `${prefix}${++n}`;
    this.next.set(prefix, n + 1);
    this.taken.add(id);
    return id;
  }

  node(type: NodeType): string {
    const prefix = NODE_PREFIX[type];
    return this.allocate(prefix, type === 'start' || type === 'end');
  }

  edge(): string {
    return this.allocate('e');
  }
}

/** A readable id for a scenario from its name (`"Recover step 3"` → `recover-step-3`). */
export function scenarioIdFor(name: string, taken: ReadonlySet<string>): string {
  const slug =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'scenario';
  if (!taken.has(slug)) return slug;
  let n = 2;
  while (taken.has(`${slug}-${n}`)) n += 1;
  return `${slug}-${n}`;
}
