import { describe, expect, it } from 'vitest';
import { CONTRAST_PAIRS, PALETTES } from '../../src/ui/palette.js';

/** WCAG 2.x relative luminance of an sRGB colour written #rrggbb. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('default palettes', () => {
  it('computes contrast as WCAG defines it', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it.each(Object.entries(PALETTES))(
    '%s: every text colour has at least 4.5:1 on its background',
    (_name, palette) => {
      const low = CONTRAST_PAIRS.map(([fg, bg]) => ({
        fg,
        bg,
        ratio: contrast(palette[fg], palette[bg]),
      })).filter((pair) => pair.ratio < 4.5);
      expect(low).toEqual([]);
    },
  );

  it.each(Object.entries(PALETTES))(
    '%s: borders of fields have at least 3:1 (non-text contrast)',
    (_name, p) => {
      expect(contrast(p.border, p.background)).toBeGreaterThanOrEqual(3);
      expect(contrast(p.border, p.surface)).toBeGreaterThanOrEqual(3);
    },
  );
});
