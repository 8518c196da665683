/** A locale that kizuki writes its own messages in. */
export type MessageLocale = 'ja' | 'en';

/** A segment of a path into the input: an object key or an array index. */
export type PathSegment = string | number;

/**
 * The one shape of every validation problem in kizuki: templates, expressions, answers, responses
 * and imported rows all report problems like this.
 *
 * @example
 * ```ts
 * const issue: Issue = {
 *   code: 'unknown_scale',
 *   path: ['sections', 0, 'questions', 2, 'scale'],
 *   message: '尺度「agree5」は定義されていません',
 *   params: { scale: 'agree5' },
 * };
 * ```
 */
export interface Issue {
  /** Stable machine-readable code; the same in every locale. */
  code: string;
  /** Where the problem is, as keys and indexes into the input. */
  path: PathSegment[];
  /** What is wrong, in the requested locale. */
  message: string;
  /** Values the message was built from (ids, limits, character positions). */
  params?: Record<string, unknown>;
}

/** Message builders for a set of issue codes, one per locale. */
export type MessageCatalog<Code extends string> = {
  readonly [C in Code]: {
    readonly ja: (params: Record<string, unknown>) => string;
    readonly en: (params: Record<string, unknown>) => string;
  };
};

/** Builds an issue whose message comes from `catalog` in `locale`. */
export function createIssue<Code extends string>(
  catalog: MessageCatalog<Code>,
  code: Code,
  path: PathSegment[],
  locale: MessageLocale,
  params?: Record<string, unknown>,
): Issue {
  const message = catalog[code][locale](params ?? {});
  return params === undefined ? { code, path, message } : { code, path, message, params };
}

/** Formats a path for people: `sections[0].questions[2].scale`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === '' ? '(root)' : out;
}
