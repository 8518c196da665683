import { describe, expect, it } from 'vitest';
import type { Template } from '../../src/schema/index.js';
import {
  type Customisation,
  compareTemplates,
  customiseTemplate,
  getTemplate,
  renderTemplateComparison,
} from '../../src/templates/index.js';

const community = () => getTemplate('bias-awareness-community')!;
function customise(base: Template, changes: readonly unknown[]): Template {
  const result = customiseTemplate(base, { id: 'town-survey', changes: changes as Customisation[] });
  if (!result.success) throw new Error(JSON.stringify(result.issues));
  return result.template;
}
const verdictOf = (t: ReturnType<typeof compareTemplates>, id: string) => t.results.find((r) => r.id === id);

describe('compareTemplates', () => {
  it('finds nothing between a template and itself; every result is comparable', () => {
    const diff = compareTemplates(community(), community());
    expect(diff.related).toBe(true);
    expect(diff.differences).toEqual([]);
    expect(diff.results.every((r) => r.previousWave.comparable && !r.moved)).toBe(true);
    expect(verdictOf(diff, 'h01')?.benchmark?.comparable).toBe(true);
    expect(verdictOf(diff, 'h02')?.benchmark).toBeNull();
    // Scores and answer keys: matrix items, single and multiple choice; no free text.
    expect(verdictOf(diff, 'home_share')?.kind).toBe('score');
    expect(verdictOf(diff, 'imposed_how')?.kind).toBe('item');
    expect(verdictOf(diff, 'comments')).toBeUndefined();
  });

  it('shows a rewording that got a new id as one change, and breaks the wave and the benchmark', () => {
    const text = { ja: '家事は女性がするものだ（改）', en: 'Housework is for women (new)' };
    const diff = compareTemplates(
      community(),
      customise(community(), [{ kind: 'rewordItem', id: 'h01', text }]),
    );
    expect(diff.differences).toContainEqual(
      expect.objectContaining({ kind: 'reworded', part: 'item', id: 'h01', newId: 'h01_m1', after: text }),
    );
    expect(diff.differences.some((d) => d.kind === 'added' && d.id === 'h01_m1')).toBe(false);
    const h01 = verdictOf(diff, 'h01')!;
    expect(h01.previousWave).toMatchObject({ comparable: false, reasons: ['reworded'] });
    expect(h01.previousWave.why).toEqual({ ja: '文言が変わった', en: 'reworded' });
    expect(h01.newId).toBe('h01_m1');
    expect(h01.benchmark?.comparable).toBe(false);
    const score = verdictOf(diff, 'home_share')!;
    expect(score.previousWave.comparable).toBe(false);
    expect(score.previousWave.reasons).toEqual(expect.arrayContaining(['score_items_changed', 'reworded']));
    expect(verdictOf(diff, 'h02')?.previousWave.comparable).toBe(true);
  });

  it('keeps an editorial rewording comparable but lists it', () => {
    const text = { ja: '家事は、女性がするものだ。', en: 'Housework is for women.' };
    const diff = compareTemplates(
      community(),
      customise(community(), [{ kind: 'rewordItem', id: 'h01', text, editorial: true }]),
    );
    expect(diff.differences).toEqual([
      expect.objectContaining({ kind: 'reworded', part: 'item', id: 'h01', editorial: true }),
    ]);
    expect(verdictOf(diff, 'h01')?.previousWave.comparable).toBe(true);
    expect(verdictOf(diff, 'h01')?.benchmark?.comparable).toBe(true);
  });

  it('reports removed items, and scores that lost them', () => {
    const diff = compareTemplates(community(), customise(community(), [{ kind: 'removeItem', id: 'c03' }]));
    expect(diff.differences).toContainEqual(
      expect.objectContaining({ kind: 'removed', part: 'item', id: 'c03' }),
    );
    expect(verdictOf(diff, 'c03')?.previousWave.reasons).toEqual(['removed']);
    expect(verdictOf(diff, 'community_share')?.previousWave.reasons).toContain('score_items_changed');
  });

  it('treats a relabelled scale as not comparable for every answer on it', () => {
    const base = community();
    const changed = structuredClone(base);
    changed.version = '1.1.0';
    changed.scales!.agree4!.options[0]!.label = { ja: 'まったくそう思う', en: 'Strongly agree' };
    const diff = compareTemplates(base, changed);
    expect(diff.differences).toContainEqual(
      expect.objectContaining({ kind: 'reworded', part: 'option', id: 'agree4', code: 1 }),
    );
    expect(verdictOf(diff, 'w05')?.previousWave.reasons).toEqual(['scale_relabelled']);
    expect(verdictOf(diff, 'sex')?.previousWave.comparable).toBe(true);
    expect(verdictOf(diff, 'e01')?.benchmark?.reasons).toEqual(['scale_relabelled']);
  });

  it('lists added and relabelled options of a choice question, and moved questions', () => {
    const base = community();
    const changed = structuredClone(base);
    const about = changed.sections.find((s) => s.id === 'about')!;
    const age = about.questions.find((q) => q.id === 'age_band')!;
    if (age.type !== 'single') throw new Error('age_band');
    age.options.push({ code: 77, label: { ja: '答えたくない' } });
    // Move "area" before "sex": one question moved, not everything after it.
    const area = about.questions.splice(2, 1)[0]!;
    about.questions.unshift(area);
    const diff = compareTemplates(base, changed);
    expect(diff.differences).toContainEqual(
      expect.objectContaining({ kind: 'added', part: 'option', id: 'age_band', code: 77 }),
    );
    expect(diff.differences.filter((d) => d.kind === 'moved')).toEqual([
      { kind: 'moved', part: 'question', id: 'area' },
    ]);
    expect(verdictOf(diff, 'age_band')?.previousWave.reasons).toEqual(['options_changed']);
    expect(verdictOf(diff, 'area')).toMatchObject({ moved: true, previousWave: { comparable: true } });
  });

  it('does not count a filled-in placeholder as a rewording', () => {
    const diff = compareTemplates(
      community(),
      customise(community(), [
        { kind: 'substitute', values: { municipality: { ja: 'みどり市', en: 'Midori' } } },
      ]),
    );
    expect(diff.differences.filter((d) => d.kind === 'reworded')).toEqual([]);
    expect(diff.results.every((r) => r.previousWave.comparable)).toBe(true);
  });

  it('says when two templates are unrelated', () => {
    const diff = compareTemplates(community(), getTemplate('bias-awareness-workplace')!);
    expect(diff.related).toBe(false);
    expect(renderTemplateComparison(diff)).toContain('元のテンプレートから作られたものではありません');
  });

  it('renders as text and as escaped HTML in Japanese and English', () => {
    const text = { ja: '<script>alert(1)</script>', en: '<b>x</b>' };
    const diff = compareTemplates(
      community(),
      customise(community(), [{ kind: 'rewordItem', id: 'h01', text }]),
    );
    const ja = renderTemplateComparison(diff);
    expect(ja).toContain('文言変更: 項目 h01 → 新しいID h01_m1');
    expect(ja).toContain('h01 ');
    expect(ja).toContain('比較できない（文言が変わった）');
    const en = renderTemplateComparison(diff, { locale: 'en', format: 'html' });
    expect(en).toContain('<h2>Template comparison: bias-awareness-community 1.0.0 → town-survey 1.0.0</h2>');
    expect(en).toContain('not comparable (reworded)');
    expect(en).not.toContain('<b>x</b>');
    expect(en).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});
