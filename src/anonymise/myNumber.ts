const WEIGHTS = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/**
 * Whether 12 digits (as numbers 0–9) are a My Number (個人番号): the last is the check digit of
 * the first 11, weighted left to right 6,5,4,3,2,7,6,5,4,3,2; r = Σ mod 11; check = 0 if r ≤ 1,
 * else 11 − r.
 */
export function isMyNumber(digits: ArrayLike<number>): boolean {
  if (digits.length !== 12) return false;
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += digits[i]! * WEIGHTS[i]!;
  const r = sum % 11;
  return digits[11] === (r <= 1 ? 0 : 11 - r);
}
