const FORMULA_START = /^'*[=+\-@\t\r]/;

/** Prefixes `'` to text a spreadsheet would evaluate; `'` runs are counted so the reader can undo it exactly. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Undoes {@link guardFormula}. */
export function unguardFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
