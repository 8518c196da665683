import type { Issue, PathSegment } from '../../core/issue.js';

/** Where a template object came from: its sheet, the cell of each of its fields, and its row. */
export interface CellOrigin {
  sheet: string;
  cells: Map<string, string>;
  fallback: string;
}

/** Moves a template issue to the cell it came from: `sections[0].questions[2].visibleIf` → `設問!H4`. */
export function locateIssue(
  issue: Issue,
  template: unknown,
  origins: Map<object, CellOrigin>,
  at = issue.path,
): Issue {
  let value: unknown = template;
  let best: { origin: CellOrigin; rest: PathSegment[] } | undefined;
  for (let i = 0; i <= at.length; i++) {
    if (value !== null && typeof value === 'object') {
      const origin = origins.get(value);
      if (origin) best = { origin, rest: at.slice(i) };
    } else break;
    if (i < at.length) value = (value as Record<PathSegment, unknown>)[at[i]!];
  }
  if (!best) return issue;
  const [first, second] = best.rest;
  const cell =
    (first !== undefined && second !== undefined ? best.origin.cells.get(`${first}.${second}`) : undefined) ??
    (first !== undefined ? best.origin.cells.get(String(first)) : undefined) ??
    best.origin.fallback;
  const { sheet } = best.origin;
  return {
    code: issue.code,
    path: [sheet, cell],
    message: `${sheet}!${cell}: ${issue.message}`,
    params: { ...issue.params, sheet, cell, templatePath: issue.path },
  };
}
