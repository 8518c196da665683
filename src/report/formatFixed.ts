/**
 * A figure with `digits` decimals, the same however its sums were added up. Totals merged from
 * worker threads or shards differ from one pass in the last bits (6.249999999999996 against 6.25),
 * which would print 6.2 on one machine and 6.3 on another; the value is first snapped to 12
 * significant digits, far above any printed precision and far below that noise.
 */
export function formatFixed(value: number, digits: number): string {
  return Number(value.toPrecision(12)).toFixed(digits);
}
