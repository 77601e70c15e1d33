/** Resource `copy` loops: one template resource becomes `count` resources, `copyIndex()` replaced by its index. */
import { TemplateError } from '../errors.js';
import { isObject } from './evaluate.js';

/**
 * Expands every resource with a `copy` block before planning. `copyIndex()`, `copyIndex(offset)` and
 * `copyIndex('loop'[, offset])` of this loop become literal numbers in the resource's expressions, so the evaluator
 * sees ordinary templates. `mode`/`batchSize` are accepted; the simulator deploys the copies in order either way.
 */
export function expandCopies(resources: unknown[], count: (raw: unknown) => unknown): unknown[] {
  const out: unknown[] = [];
  for (const [i, r] of resources.entries()) {
    if (!isObject(r) || r.copy === undefined) {
      out.push(r);
      continue;
    }
    const copy = r.copy;
    if (!isObject(copy) || typeof copy.name !== 'string') throw new TemplateError(`The template resource at index '${i}' has a 'copy' without a 'name'`);
    const n = count(copy.count);
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 800) {
      throw new TemplateError(`The template resource at index '${i}' has copy count '${String(n)}'; it must be an integer from 0 to 800`);
    }
    const { copy: _copy, ...rest } = r;
    for (let index = 0; index < n; index++) out.push(withIndex(rest, copy.name, index));
  }
  return out;
}

function withIndex(value: unknown, loop: string, index: number): unknown {
  if (typeof value === 'string') {
    if (!value.startsWith('[') || value.startsWith('[[')) return value;
    return value.replace(/copyIndex\(\s*(?:'([^']*)'\s*,?\s*)?(\d+)?\s*\)/gi, (match, name: string | undefined, offset: string | undefined) => {
      if (name !== undefined && name.toLowerCase() !== loop.toLowerCase()) return match;
      return String(index + (offset ? Number(offset) : 0));
    });
  }
  if (Array.isArray(value)) return value.map((v) => withIndex(v, loop, index));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withIndex(v, loop, index)]));
  return value;
}
