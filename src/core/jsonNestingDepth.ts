/**
 * The deepest bracket nesting of JSON text outside strings, found in one pass without parsing.
 * Text from storage or the network is measured before `JSON.parse`, so that a value nested
 * hundreds of thousands deep is refused up front instead of overflowing the stack in whatever walks it.
 */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}
