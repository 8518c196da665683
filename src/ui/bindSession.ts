/// <reference lib="dom" />
import type { AnswerResult, Session } from '../engine/index.js';

/**
 * Turns change events of inputs rendered by {@link renderQuestion} under `root` into engine
 * actions, and shows a refused value (such as `12a` for a number) with the browser's own message.
 * `onChange` hears every action with the id it concerned. Returns the function that unbinds.
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
    const result =
      choose !== undefined
        ? session.toggleOption(id, input.value)
        : answer !== undefined
          ? session.setAnswer(id, input.value)
          : session.setOther(id, input.value);
    if (choose === undefined) {
      input.setCustomValidity(result.success ? '' : result.issues.map((issue) => issue.message).join('\n'));
      if (!result.success) input.reportValidity();
    }
    onChange?.(id, result);
  };
  root.addEventListener('change', listener);
  return () => root.removeEventListener('change', listener);
}
