/**
 * A min-heap of condition positions with membership, so that conditions are re-evaluated in
 * dependency order and each at most once per wave.
 */
export class PositionHeap {
  private readonly items: number[] = [];
  private readonly queued: Uint8Array;

  constructor(size: number) {
    this.queued = new Uint8Array(size);
  }

  push(position: number): void {
    if (this.queued[position] === 1) return;
    this.queued[position] = 1;
    const items = this.items;
    let i = items.push(position) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]! <= position) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = position;
  }

  /** The smallest queued position, or -1 when empty. */
  pop(): number {
    const items = this.items;
    if (items.length === 0) return -1;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child = right < items.length && items[right]! < items[left]! ? right : left;
        if (items[child]! >= last) break;
        items[i] = items[child]!;
        i = child;
      }
      items[i] = last;
    }
    this.queued[top] = 0;
    return top;
  }
}
