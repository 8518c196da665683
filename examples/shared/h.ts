// The one DOM helper the example pages share.

/** A child of {@link h}: nodes and strings (text, never parsed as HTML); null and undefined are skipped. */
export type Child = Node | string | null | undefined;

/** Creates an element; attributes of null, undefined or false are left out, true sets an empty one. */
export function h(
  tag: string,
  attributes: Record<string, string | number | boolean | null | undefined> = {},
  ...children: (Child | Child[])[]
): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  // Strings become text nodes: template texts and answers are never parsed as HTML.
  for (const child of children.flat()) if (child !== null && child !== undefined) element.append(child);
  return element;
}
