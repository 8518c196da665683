import { canonicalJson } from '../core/canonicalJson.js';
import type { PathSegment } from '../core/issue.js';
import { indexTemplate, type LocalisedText, type Question, type Template } from '../schema/index.js';
import type { Customisation } from './customiseTemplate.js';
import { renameIdentifier } from './renameIdentifier.js';
import { textSlots } from './textSlots.js';

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/**
 * The customisations that turn `base` into `edited`, for an edited copy of a template (a workbook,
 * an editor page): filled placeholders become one `substitute`, removed and added questions and
 * items become `removeQuestion`/`addQuestion`/`removeItem`/`addItem`, changed wording becomes
 * `rewordQuestion`/`rewordItem`/`relabelScale` (editorial for the ids in `editorial`), and every
 * other changed text becomes `setText`. Edits that no customisation can express (a changed type,
 * code, condition or score, a moved question) are not listed here: {@link unexpressedEdit} finds
 * them by comparing the customised result with `edited`.
 */
export function customisationsBetween(
  base: Template,
  edited: Template,
  editorial: ReadonlySet<string> = new Set(),
): Customisation[] {
  const changes: Customisation[] = [];
  const baseIndex = indexTemplate(base);
  const editedIndex = indexTemplate(edited);
  const substitute = filledPlaceholders(base, edited, baseIndex);
  const reference = structuredClone(base);
  if (substitute) {
    changes.push(substitute);
    fill(reference, substitute.values as Record<string, Record<string, string>>);
  }
  // Removals first, so that an addition may take a place freed by them.
  for (const [id, { question: q }] of baseIndex.questions) {
    const now = editedIndex.questions.get(id)?.question;
    if (!now) changes.push({ kind: 'removeQuestion', id });
    else if (q.type === 'matrix' && now.type === 'matrix') {
      const kept = new Set(now.items.map((i) => i.id));
      for (const item of q.items) if (!kept.has(item.id)) changes.push({ kind: 'removeItem', id: item.id });
    }
  }
  for (const section of edited.sections) {
    let after: string | undefined;
    section.questions.forEach((q) => {
      if (!baseIndex.questions.has(q.id)) {
        changes.push({
          kind: 'addQuestion',
          section: section.id,
          ...(after === undefined ? {} : { after }),
          question: structuredClone(q),
        });
      } else if (q.type === 'matrix') {
        const before = baseIndex.questions.get(q.id)?.question;
        if (before?.type === 'matrix') {
          const known = new Set(before.items.map((it) => it.id));
          let afterItem: string | undefined;
          for (const item of q.items) {
            if (!known.has(item.id)) {
              changes.push({
                kind: 'addItem',
                question: q.id,
                ...(afterItem === undefined ? {} : { after: afterItem }),
                item: structuredClone(item),
              });
            }
            afterItem = item.id;
          }
        }
      }
      after = q.id;
    });
  }
  // Text changes on what both share.
  const before = textSlots(reference);
  const after = textSlots(edited);
  const rewords = new Map<string, Extract<Customisation, { kind: 'rewordQuestion' }>>();
  const relabels = new Map<string, Extract<Customisation, { kind: 'relabelScale' }>>();
  for (const [key, slot] of after) {
    const old = before.get(key);
    const text = slot.get();
    if (!old || text === undefined || sameText(old.get(), text)) continue;
    const [, owner, field, code] = key.split('.') as [string, string, string, string | undefined];
    if (old.reword === 'rewordItem') {
      changes.push({
        kind: 'rewordItem',
        id: owner,
        text,
        ...(editorial.has(owner) ? { editorial: true } : {}),
      });
    } else if (old.reword === 'rewordQuestion') {
      let change = rewords.get(owner);
      if (!change) {
        change = { kind: 'rewordQuestion', id: owner, ...(editorial.has(owner) ? { editorial: true } : {}) };
        rewords.set(owner, change);
        changes.push(change);
      }
      if (field === 'options' && code !== undefined) change.options = { ...change.options, [code]: text };
      else if (field === 'label' || field === 'help' || field === 'unit') change[field] = text;
    } else if (old.reword === 'relabelScale') {
      let change = relabels.get(owner);
      if (!change) {
        change = { kind: 'relabelScale', scale: owner, labels: {} };
        relabels.set(owner, change);
        changes.push(change);
      }
      if (code !== undefined) change.labels[code] = text;
    } else changes.push({ kind: 'setText', key, text });
  }
  return changes;
}

/**
 * The first place where `customised` (the result of applying the changes) differs from `edited`
 * other than by the id rule's renames, the dropped benchmarks and the recorded provenance: an edit
 * that no customisation expresses. Undefined when there is none.
 */
export function unexpressedEdit(customised: Template, edited: Template): PathSegment[] | undefined {
  const renames = (customised.derivedFrom?.changes ?? []).flatMap((c) =>
    c.target !== undefined && c.replacedBy !== undefined ? [[c.target, c.replacedBy] as const] : [],
  );
  const forward = renamed(edited, renames);
  const strip = ({
    id: _i,
    version: _v,
    derivedFrom: _d,
    benchmarks: _b,
    $schema: _s,
    provenance,
    ...rest
  }: Template) => ({
    ...rest,
    provenance: { ...provenance, authors: [] },
  });
  return firstDifference(strip(customised), strip(forward), []);
}

function renamed(template: Template, renames: readonly (readonly [string, string])[]): Template {
  if (renames.length === 0) return template;
  const map = new Map(renames);
  const expr = (source: string | undefined) => {
    if (source === undefined) return undefined;
    let out = source;
    for (const [from, to] of renames) out = renameIdentifier(out, from, to);
    return out;
  };
  const copy = structuredClone(template);
  for (const section of copy.sections) {
    if (section.visibleIf !== undefined) section.visibleIf = expr(section.visibleIf)!;
    for (const q of section.questions as Question[]) {
      q.id = map.get(q.id) ?? q.id;
      if (q.visibleIf !== undefined) q.visibleIf = expr(q.visibleIf)!;
      if ('requiredIf' in q && q.requiredIf !== undefined) q.requiredIf = expr(q.requiredIf)!;
      if (q.type === 'matrix') for (const item of q.items) item.id = map.get(item.id) ?? item.id;
    }
  }
  for (const score of copy.scores ?? []) score.items = score.items.map((id) => map.get(id) ?? id);
  for (const rule of copy.passRules ?? []) {
    for (const group of rule.groups) {
      group.where = Object.fromEntries(Object.entries(group.where).map(([k, v]) => [map.get(k) ?? k, v]));
    }
  }
  return copy;
}

function firstDifference(a: unknown, b: unknown, path: PathSegment[]): PathSegment[] | undefined {
  if (canonicalJson(a) === canonicalJson(b)) return undefined;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return path;
  if (Array.isArray(a) !== Array.isArray(b)) return path;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const found = firstDifference(a[i], b[i], [...path, i]);
      if (found) return found;
    }
    return path;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], [
      ...path,
      key,
    ]);
    if (found) return found;
  }
  return path;
}

function sameText(a: LocalisedText | undefined, b: LocalisedText): boolean {
  return a !== undefined && canonicalJson(a) === canonicalJson(b);
}

/**
 * Values of `{placeholders}` in base texts that the edited texts fill in, as one `substitute`
 * change; only values that every occurrence agrees on, so a reworded text is not mistaken for one.
 */
function filledPlaceholders(
  base: Template,
  edited: Template,
  index: ReturnType<typeof indexTemplate>,
): Extract<Customisation, { kind: 'substitute' }> | undefined {
  const found = new Map<string, Map<string, string>>();
  const conflicting = new Set<string>();
  const after = textSlots(edited);
  for (const [key, slot] of textSlots(base)) {
    const text = slot.get();
    const now = after.get(key)?.get();
    if (!text || !now) continue;
    for (const [locale, source] of Object.entries(text)) {
      const target = now[locale];
      // Short texts with few placeholders only: the pattern below backtracks more with each one.
      const names = [...source.matchAll(PLACEHOLDER)].map((m) => m[1]!);
      if (target === undefined || names.length === 0 || names.length > 4 || source.length > 2000) continue;
      if (names.some((n) => index.questions.has(n) || index.items.has(n))) continue;
      const pattern = source
        .split(PLACEHOLDER)
        .map((part, i) => (i % 2 === 1 ? '(.+?)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      const match = new RegExp(`^${pattern}$`, 's').exec(target);
      if (!match) continue;
      names.forEach((name, i) => {
        const value = match[i + 1]!;
        if (value === `{${name}}`) return;
        const byLocale = found.get(name) ?? new Map<string, string>();
        if (byLocale.has(locale) && byLocale.get(locale) !== value) conflicting.add(name);
        byLocale.set(locale, value);
        found.set(name, byLocale);
      });
    }
  }
  const values: Record<string, LocalisedText> = {};
  for (const [name, byLocale] of found) {
    if (conflicting.has(name) || !byLocale.has('ja')) continue;
    values[name] = Object.fromEntries(byLocale) as LocalisedText;
  }
  return Object.keys(values).length > 0 ? { kind: 'substitute', values } : undefined;
}

/** Fills placeholders in every text of a template copy, as `substitute` does. */
function fill(template: Template, values: Record<string, Record<string, string>>): void {
  for (const slot of textSlots(template, { present: true }).values()) {
    const text = slot.get();
    if (!text) continue;
    const out: Record<string, string> = {};
    for (const [locale, source] of Object.entries(text)) {
      out[locale] = source.replace(
        PLACEHOLDER,
        (whole, name: string) => values[name]?.[locale] ?? values[name]?.ja ?? whole,
      );
    }
    slot.set(out as LocalisedText);
  }
}
