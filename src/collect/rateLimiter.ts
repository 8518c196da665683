/** Counts requests per key in fixed windows; forgets keys whose window has passed. */
export interface RateLimiter {
  /** Seconds to wait, or 0 when the request may go ahead. */
  take(key: string, now: number): number;
}

/** Options of a rate limit: at most `limit` requests per `windowMs` for one key. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

export function createRateLimiter({ limit, windowMs }: RateLimit): RateLimiter {
  let windowStart = 0;
  let counts = new Map<string, number>();
  return {
    take(key, now) {
      if (now - windowStart >= windowMs) {
        // A new window: dropping the whole map keeps memory bounded by one window's clients.
        windowStart = now;
        counts = new Map();
      }
      const used = (counts.get(key) ?? 0) + 1;
      counts.set(key, used);
      return used > limit ? Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)) : 0;
    },
  };
}
