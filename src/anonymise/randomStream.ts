import type { MessageLocale } from '../core/issue.js';
import { fail } from './anonymiseError.js';

/** Fills `bytes` with random bytes and returns it, like `crypto.getRandomValues`. */
export type RandomFill = (bytes: Uint8Array) => Uint8Array;

/** `crypto.getRandomValues` of the running platform, or an `AnonymiseError` where there is none. */
export function cryptoFill(locale: MessageLocale | undefined): RandomFill {
  const crypto = globalThis.crypto;
  if (typeof crypto?.getRandomValues !== 'function') fail('crypto_unavailable', [], locale);
  return (bytes) => crypto.getRandomValues(bytes);
}

/**
 * Uniform random integers and bits drawn from a byte source through a small buffer. Every draw is
 * exact: bounded integers use rejection sampling, never a modulo or a float.
 */
export class RandomStream {
  private readonly buffer = new Uint8Array(1024);
  private readonly words = new Uint32Array(this.buffer.buffer);
  private next = this.buffer.length;
  private readonly fill: RandomFill;

  constructor(fill: RandomFill) {
    this.fill = fill;
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    if (this.next + 4 > this.buffer.length) {
      this.fill(this.buffer);
      this.next = 0;
    }
    const word = this.words[this.next >> 2]!;
    this.next += 4;
    return word;
  }

  /** A uniform integer in [0, bound), for 1 ≤ bound ≤ 2^32. */
  below(bound: number): number {
    // Accept only draws under the largest multiple of `bound`, so every residue is equally likely.
    const limit = 2 ** 32 - (2 ** 32 % bound);
    for (;;) {
      const x = this.uint32();
      if (x < limit) return x % bound;
    }
  }

  /** A uniform bigint in [0, bound), for bound ≥ 1. */
  bigBelow(bound: bigint): bigint {
    if (bound <= 0x1_0000_0000n) return BigInt(this.below(Number(bound)));
    const bits = (bound - 1n).toString(2).length;
    const mask = (1n << BigInt(bits)) - 1n;
    for (;;) {
      let x = 0n;
      for (let have = 0; have < bits; have += 32) x = (x << 32n) | BigInt(this.uint32());
      x &= mask;
      if (x < bound) return x;
    }
  }
}

/** Shuffles `items` in place (Fisher–Yates) and returns them. */
export function shuffleInPlace<T>(items: T[], random: RandomStream): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.below(i + 1);
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
  return items;
}
