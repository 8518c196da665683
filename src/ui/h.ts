/// <reference lib="dom" />

type Child = Node | string | null | undefined | false;

/**
 * Creates an element. Attributes of null, undefined or false are left out; true sets an empty one.
 * Strings become text nodes, so template texts and answers are never parsed as HTML.
 */
export function h(
  tag: string,
  attributes: Record<string, string | number | boolean | null | undefined> = {},
  ...children: (Child | readonly Child[])[]
): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat())
    if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}
