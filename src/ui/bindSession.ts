/// <reference lib="dom" />
import type { AnswerResult, Session } from '../engine/index.js';

/**
 * Turns input under `root` (from controls rendered by {@link renderQuestion}) into engine actions.
 * Typed text is taken as it is typed (`input`), so a reload or a crash keeps half-typed answers
 * through autosave; a value the engine refuses while typing (such as `12a` for a number) is left
 * quietly until the respondent leaves the field (`change`), which shows it with the browser's own
 * message. Text being composed with an IME is taken when the composition ends. `onChange` hears
 * every action that was reported, with the id it concerned. Returns the function that unbinds.
 *
 * @example
 * ```ts
 * const unbind = bindSession(container, session, (id, result) => console.log(id, result.success));
 * ```
 */
export function bindSession(
  root: Node,
  session: Session,
  onChange?: (id: string, result: AnswerResult) => void,
): () => void {
  const listener = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const { choose, answer, other } = input.dataset;
    const id = choose ?? answer ?? other;
    if (id === undefined) return;
    if (choose !== undefined) {
      // Radio buttons and check boxes: their change is the choice.
      if (event.type === 'change') onChange?.(id, session.toggleOption(id, input.value));
      return;
    }
    const typing = event.type !== 'change';
    if (typing && (event as InputEvent).isComposing) return;
    const result =
      answer !== undefined ? session.setAnswer(id, input.value) : session.setOther(id, input.value);
    if (typing && !result.success) return;
    input.setCustomValidity(result.success ? '' : result.issues.map((issue) => issue.message).join('\n'));
    if (!result.success) input.reportValidity();
    onChange?.(id, result);
  };
  const types = ['change', 'input', 'compositionend'] as const;
  for (const type of types) root.addEventListener(type, listener);
  return () => {
    for (const type of types) root.removeEventListener(type, listener);
  };
}
