import { TemplateError } from '../errors.js';
import { isSecureType } from '../format.js';
import type { Evaluator } from './evaluate.js';
import { isObject } from './values.js';

/** Outputs as ARM returns them: `{name: {type, value}}`; secure outputs keep their type and lose their value. */
export function evaluateOutputs(template: Record<string, unknown>, ev: Evaluator, reveal: boolean): Record<string, { type: string; value?: unknown }> {
  const outs = (template.outputs ?? {}) as Record<string, unknown>;
  const result: Record<string, { type: string; value?: unknown }> = {};
  for (const [name, decl] of Object.entries(outs)) {
    if (!isObject(decl) || typeof decl.type !== 'string') throw new TemplateError(`The template output '${name}' has no valid 'type'`);
    if ('condition' in decl && ev.value(decl.condition) === false) continue;
    const type = armOutputType(decl.type);
    let value: unknown;
    if (decl.copy !== undefined) {
      // Output copy: `{count, input}`, an array of the input evaluated per copyIndex().
      const c = decl.copy;
      if (!isObject(c) || !('count' in c) || !('input' in c)) throw new TemplateError(`The template output '${name}' has a 'copy' without 'count' and 'input'`);
      value = ev.loop(name, 'output', c.count, () => ev.value(c.input));
    } else value = ev.value(decl.value);
    result[name] = isSecureType(decl.type) && !reveal ? { type } : { type, value };
  }
  return result;
}

function armOutputType(t: string): string {
  const m: Record<string, string> = { string: 'String', securestring: 'SecureString', int: 'Int', bool: 'Bool', object: 'Object', secureobject: 'SecureObject', array: 'Array' };
  return m[t.toLowerCase()] ?? t;
}
