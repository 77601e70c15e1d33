import { TemplateError } from '../errors.js';
import type { Evaluator } from './evaluate.js';
import { isObject } from './evaluate.js';

/**
 * Resource `copy` loops (count + copyIndex()): each loop becomes `count` resources before planning. `copyIndex()`
 * and `copyIndex(offset)` are replaced by the iteration's number inside template expressions, so every later step
 * (preflight, deployment-time evaluation, what-if) sees ordinary resources. Named-loop indexes are not supported.
 */
const COPY_INDEX = /copyIndex\(\s*(\d*)\s*\)/gi;

function substitute(value: unknown, index: number): unknown {
  if (typeof value === 'string') {
    if (!value.startsWith('[') || value.startsWith('[[')) return value;
    return value.replace(COPY_INDEX, (_m, offset: string) => String(index + (offset === '' ? 0 : Number(offset))));
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, index));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, index)]));
  return value;
}

export function expandCopies(resources: unknown[], ev: Evaluator): unknown[] {
  const out: unknown[] = [];
  for (const [i, r] of resources.entries()) {
    if (!isObject(r) || r.copy === undefined) {
      out.push(r);
      continue;
    }
    const copy = r.copy;
    if (!isObject(copy) || typeof copy.name !== 'string') throw new TemplateError(`The template resource at index '${i}' has a 'copy' without a 'name'`);
    const count = ev.value(copy.count);
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 800) {
      throw new TemplateError(`The template resource at index '${i}' has a copy count '${String(count)}' that is not an integer between 0 and 800`);
    }
    const { copy: _copy, ...rest } = r;
    for (let n = 0; n < count; n++) out.push(substitute(rest, n));
  }
  return out;
}
