/**
 * The default colours of the survey elements. A municipality sets its own with three custom
 * properties (`--kizuki-brand`, `--kizuki-on-brand`, `--kizuki-brand-soft`); the rest follow.
 * Each text colour is checked against its background for a contrast of at least 4.5:1 in tests.
 */
export const PALETTES = {
  light: {
    text: '#1b1c1e',
    muted: '#4a4f57',
    background: '#ffffff',
    surface: '#f4f6f9',
    border: '#6b7280',
    brand: '#1a4f8f',
    onBrand: '#ffffff',
    brandSoft: '#e6eef8',
    error: '#b3261e',
    errorSoft: '#fdecea',
  },
  dark: {
    text: '#eceff3',
    muted: '#b9c0ca',
    background: '#15171a',
    surface: '#1f2328',
    border: '#8b949e',
    brand: '#8ab4f8',
    onBrand: '#0b1a33',
    brandSoft: '#1e3048',
    error: '#ffb4ab',
    errorSoft: '#3a1d1b',
  },
} as const;

/** One palette. */
export type Palette = (typeof PALETTES)[keyof typeof PALETTES];

/** Pairs of text and the background it is shown on, for the contrast check. */
export const CONTRAST_PAIRS: readonly (readonly [keyof Palette, keyof Palette])[] = [
  ['text', 'background'],
  ['text', 'surface'],
  ['text', 'brandSoft'],
  ['muted', 'background'],
  ['muted', 'surface'],
  ['onBrand', 'brand'],
  ['brand', 'background'],
  ['error', 'background'],
  ['error', 'errorSoft'],
  ['text', 'errorSoft'],
];
