/// <reference lib="dom" />
import type { QuestionView } from '../engine/index.js';
import { h } from './h.js';
import type { Words } from './words.js';

/**
 * Renders one question view of the engine as native form controls: a fieldset with a legend for
 * every group of choices, a label for every field, errors tied to the field by `aria-describedby`.
 * Inputs carry `data-choose`, `data-answer` or `data-other` with the id to hand to the session; the
 * element (or {@link bindSession}) turns their change events into engine actions. All text is set
 * as text, never as HTML.
 *
 * @example
 * ```ts
 * import { createSession } from 'kizuki/engine';
 * import { bindSession, renderQuestion, WORDS } from 'kizuki/ui';
 *
 * const session = createSession(survey);
 * const [first] = session.getSnapshot().questions;
 * container.append(renderQuestion(first!, WORDS.ja));
 * bindSession(container, session);
 * ```
 */
export function renderQuestion(q: QuestionView, words: Words): HTMLElement {
  const title = q.required ? [q.label, h('span', { class: 'kz-required' }, words.required)] : [q.label];
  const help = q.help === null ? null : h('p', { id: q.ids.help, class: 'kz-help', part: 'help' }, q.help);
  const errors = q.invalid
    ? h(
        'ul',
        { id: q.ids.error, class: 'kz-error', part: 'error' },
        ...q.errors.map((issue) => h('li', {}, issue.message)),
      )
    : null;
  const aria = { 'aria-describedby': q.describedBy || null, 'aria-invalid': q.invalid ? 'true' : null };
  const box = { class: `kz-q kz-${q.kind}`, part: 'question', 'data-question': q.id, 'data-kind': q.kind };

  switch (q.kind) {
    case 'note':
      return h('div', box, h('p', { id: q.ids.label, class: 'kz-note-text' }, q.label), help);
    case 'number':
    case 'text':
    case 'date': {
      const unitId = `kz-${q.id}-unit`;
      const unit =
        q.kind === 'number' && q.unit !== null ? h('span', { class: 'kz-unit', id: unitId }, q.unit) : null;
      const describedBy = [q.describedBy, unit ? unitId : ''].filter(Boolean).join(' ') || null;
      const common = {
        id: q.ids.input,
        'data-answer': q.id,
        autocomplete: 'off',
        'aria-describedby': describedBy,
        'aria-invalid': aria['aria-invalid'],
        'aria-required': q.required ? 'true' : null,
        part: 'input',
      };
      const input =
        q.kind === 'text' && q.multiline
          ? h('textarea', { ...common, rows: 5 }, q.value ?? '')
          : h('input', {
              ...common,
              type: q.kind === 'date' ? 'date' : 'text',
              // Text, not type=number: a Japanese IME types full-width digits, which the engine accepts.
              inputmode: q.kind === 'number' ? q.inputMode : null,
              min: q.kind === 'date' ? q.min : null,
              max: q.kind === 'date' ? q.max : null,
              value: q.value === null ? '' : String(q.value),
              class: q.kind === 'number' ? 'kz-short' : null,
            });
      const personal =
        q.kind === 'text' && q.personalData ? h('p', { class: 'kz-help' }, words.personal) : null;
      return h(
        'div',
        box,
        h('label', { id: q.ids.label, for: q.ids.input, class: 'kz-label', part: 'label' }, ...title),
        help,
        personal,
        h('div', { class: 'kz-field' }, input, unit),
        errors,
      );
    }
    case 'matrix': {
      const column = (code: number) => `kz-${q.id}-col-${code}`;
      const head = h(
        'tr',
        {},
        h('td'),
        ...q.options.map((o) => h('th', { scope: 'col', id: column(o.code) }, o.label)),
      );
      const rows = q.items.map((item) =>
        h(
          'tr',
          { class: item.invalid ? 'kz-row kz-invalid' : 'kz-row' },
          h(
            'th',
            { scope: 'row', id: item.ids.label },
            item.label,
            item.required ? h('span', { class: 'kz-required' }, words.required) : null,
          ),
          ...item.options.map((o) =>
            h(
              'td',
              {},
              // On a narrow screen the table becomes a sequence of radio groups, and this label shows.
              h(
                'label',
                { class: 'kz-cell' },
                h('input', {
                  type: 'radio',
                  id: o.id,
                  name: item.id,
                  value: o.code,
                  checked: o.selected,
                  'data-choose': item.id,
                  'aria-labelledby': `${item.ids.label} ${column(o.code)}`,
                  'aria-invalid': item.invalid ? 'true' : null,
                  'aria-describedby': item.invalid ? q.ids.error : null,
                }),
                h('span', { class: 'kz-cell-text', 'aria-hidden': 'true' }, o.label),
              ),
            ),
          ),
        ),
      );
      return h(
        'fieldset',
        { ...box, 'aria-describedby': q.describedBy || null },
        h('legend', { id: q.ids.label, class: 'kz-label', part: 'label' }, ...title),
        help,
        h('table', { class: 'kz-table' }, h('thead', {}, head), h('tbody', {}, ...rows)),
        errors,
      );
    }
    default: {
      // Single and Likert: radio buttons; multiple and ranking: check boxes, ranking numbers them.
      const type = q.kind === 'single' || q.kind === 'likert' ? 'radio' : 'checkbox';
      const otherId = q.kind === 'likert' ? null : q.otherId;
      const otherText = q.kind === 'likert' ? null : q.otherText;
      const options = q.options.map((o) =>
        h(
          'div',
          { class: o.selected ? 'kz-option kz-selected' : 'kz-option', part: 'option' },
          h('input', {
            type,
            id: o.id,
            name: q.id,
            value: o.code,
            checked: o.selected,
            'data-choose': q.id,
            ...aria,
          }),
          h('label', { for: o.id }, o.rank === null ? o.label : `${words.rank(o.rank)} ${o.label}`),
          o.other && o.selected && otherId !== null
            ? h('input', {
                type: 'text',
                id: otherId,
                class: 'kz-other',
                'data-other': q.id,
                value: otherText ?? '',
                'aria-label': o.label,
                autocomplete: 'off',
                part: 'input',
              })
            : null,
        ),
      );
      return h(
        'fieldset',
        { ...box, class: `${box.class}${q.kind === 'likert' ? ' kz-scale' : ''}` },
        h('legend', { id: q.ids.label, class: 'kz-label', part: 'label' }, ...title),
        help,
        h('div', { class: 'kz-options' }, ...options),
        errors,
      );
    }
  }
}
