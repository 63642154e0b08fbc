import { isMap, isNode, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/**
 * The 1-based line of a field in a YAML document, for error messages. When the path does not exist in the file
 * (a missing key, or a shortcut such as `target: embedded`), the line of its deepest existing ancestor is used.
 */
export function lineOf(document: Document, lineCounter: LineCounter, path: ReadonlyArray<PropertyKey>): number | undefined {
  let node: unknown = document.contents;
  let line = lineAt(node, lineCounter);
  for (const key of path) {
    const next = child(node, key);
    if (next === undefined) break;
    node = next.value ?? next.key;
    line = lineAt(next.key ?? node, lineCounter) ?? line;
    if (next.value !== undefined && !isMap(next.value) && !isSeq(next.value)) line = lineAt(next.value, lineCounter) ?? line;
  }
  return line;
}

function child(node: unknown, key: PropertyKey): { key?: unknown; value?: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(key));
    return pair === undefined ? undefined : { key: pair.key, value: pair.value ?? undefined };
  }
  if (isSeq(node) && typeof key === 'number') {
    const item = node.items[key];
    return item === undefined ? undefined : { value: item };
  }
  return undefined;
}

function lineAt(node: unknown, lineCounter: LineCounter): number | undefined {
  if (!isNode(node)) return undefined;
  const range = (node as Node).range;
  return range ? lineCounter.linePos(range[0]).line : undefined;
}
