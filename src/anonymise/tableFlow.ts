// A two-way table with its totals is a circulation: source s → row i (row total), row i → column j
// (cell), column j → sink t (column total), t → s (grand total). Suppressed entries are the arcs
// whose flow is unknown, so the values a suppressed entry can take are found by max-flow.

/** The extended table: `values[rows][cols]` holds the grand total, the last row and column the totals. */
export interface FlowTable {
  values: number[][];
}

/** The range of values a hidden entry can take; `upper` may be `Infinity`. */
export interface CellInterval {
  row: number;
  column: number;
  lower: number;
  upper: number;
}

interface Arc {
  from: number;
  to: number;
}

/** The arc of entry (i, j) of an extended table with `rows × cols` entries. */
function arcOf(i: number, j: number, rows: number, cols: number): Arc {
  const m = rows - 1;
  const n = cols - 1;
  const s = m + n;
  const t = m + n + 1;
  if (i < m) return j < n ? { from: i, to: m + j } : { from: s, to: i };
  return j < n ? { from: m + j, to: t } : { from: t, to: s };
}

/**
 * For every hidden entry, the exact range of values consistent with the published entries, the
 * hidden entries being whole numbers ≥ 0 and every row and column adding up.
 */
export function cellIntervals(
  values: readonly (readonly number[])[],
  hidden: readonly (readonly boolean[])[],
): CellInterval[] {
  const rows = values.length;
  const cols = values[0]!.length;
  const entries: Array<{ i: number; j: number; arc: Arc; value: number }> = [];
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++)
      if (hidden[i]![j]) entries.push({ i, j, arc: arcOf(i, j, rows, cols), value: values[i]![j]! });
  const nodes = rows + cols;
  return entries.map((entry) => {
    const others = entries.filter((e) => e !== entry);
    const increase = maxFlow(nodes, others, entry.arc.to, entry.arc.from);
    const decrease = Math.min(entry.value, maxFlow(nodes, others, entry.arc.from, entry.arc.to));
    return { row: entry.i, column: entry.j, lower: entry.value - decrease, upper: entry.value + increase };
  });
}

/**
 * Max-flow from `source` to `sink` where each hidden arc may grow without bound and shrink by its
 * value (Edmonds–Karp). `Infinity` if a path of growing arcs alone exists.
 */
function maxFlow(
  nodes: number,
  arcs: ReadonlyArray<{ arc: Arc; value: number }>,
  source: number,
  sink: number,
): number {
  // Residual edges in pairs: edge e and its reverse e ^ 1.
  const to: number[] = [];
  const capacity: number[] = [];
  const adjacent: number[][] = Array.from({ length: nodes }, () => []);
  const addEdge = (from: number, target: number, cap: number) => {
    adjacent[from]!.push(to.length);
    to.push(target);
    capacity.push(cap);
    adjacent[target]!.push(to.length);
    to.push(from);
    capacity.push(0);
  };
  for (const { arc, value } of arcs) {
    addEdge(arc.from, arc.to, Number.POSITIVE_INFINITY);
    if (value > 0) addEdge(arc.to, arc.from, value);
  }
  let flow = 0;
  for (;;) {
    const via = new Array<number>(nodes).fill(-1);
    const queue = [source];
    const reached = new Uint8Array(nodes);
    reached[source] = 1;
    for (let head = 0; head < queue.length && reached[sink] === 0; head++) {
      const node = queue[head]!;
      for (const e of adjacent[node]!) {
        const next = to[e]!;
        if (capacity[e]! > 0 && reached[next] === 0) {
          reached[next] = 1;
          via[next] = e;
          queue.push(next);
        }
      }
    }
    if (reached[sink] === 0) return flow;
    let bottleneck = Number.POSITIVE_INFINITY;
    for (let node = sink; node !== source; node = to[via[node]! ^ 1]!)
      bottleneck = Math.min(bottleneck, capacity[via[node]!]!);
    if (bottleneck === Number.POSITIVE_INFINITY) return bottleneck;
    for (let node = sink; node !== source; node = to[via[node]! ^ 1]!) {
      capacity[via[node]!]! -= bottleneck;
      capacity[via[node]! ^ 1]! += bottleneck;
    }
    flow += bottleneck;
  }
}

/**
 * The published entries to hide so that hidden entry (row, column) lies on a cycle along which it
 * can grow: the cheapest path back from its head to its tail (Dijkstra), where hidden entries cost
 * nothing and a published entry costs its value (then one per entry, to prefer short paths). An
 * entry may be walked against its direction only if its value is above 0.
 */
export function cheapestCycle(
  values: readonly (readonly number[])[],
  hidden: readonly (readonly boolean[])[],
  row: number,
  column: number,
): Array<[number, number]> {
  const rows = values.length;
  const cols = values[0]!.length;
  const nodes = rows + cols;
  const target = arcOf(row, column, rows, cols);
  const weight = rows * cols + 1;
  const edges: Array<{ from: number; to: number; cost: number; entry: [number, number] }> = [];
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) {
      if (i === row && j === column) continue;
      const { from, to } = arcOf(i, j, rows, cols);
      const v = values[i]![j]!;
      const cost = hidden[i]![j] ? 0 : v * weight + 1;
      edges.push({ from, to, cost, entry: [i, j] });
      if (v > 0) edges.push({ from: to, to: from, cost, entry: [i, j] });
    }
  const distance = new Array<number>(nodes).fill(Number.POSITIVE_INFINITY);
  const via = new Array<number>(nodes).fill(-1);
  const done = new Uint8Array(nodes);
  distance[target.to] = 0;
  for (;;) {
    let node = -1;
    for (let v = 0; v < nodes; v++)
      if (done[v] === 0 && (node < 0 || distance[v]! < distance[node]!)) node = v;
    if (node < 0 || distance[node] === Number.POSITIVE_INFINITY || node === target.from) break;
    done[node] = 1;
    edges.forEach((edge, e) => {
      if (edge.from === node && distance[node]! + edge.cost < distance[edge.to]!) {
        distance[edge.to] = distance[node]! + edge.cost;
        via[edge.to] = e;
      }
    });
  }
  const path: Array<[number, number]> = [];
  for (let node = target.from; node !== target.to && via[node]! >= 0; node = edges[via[node]!]!.from) {
    const edge = edges[via[node]!]!;
    if (!hidden[edge.entry[0]]![edge.entry[1]]) path.push(edge.entry);
  }
  return path;
}
