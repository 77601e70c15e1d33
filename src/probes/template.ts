/** `{outputs.NAME}` and `{env.NAME}` in probe settings, resolved at probe time from the stamp's outputs and the env. */
import { isSecureType } from '../plan/secure-type.js';
import type { Outputs } from './types.js';

const OUTPUT = /\{outputs\.([A-Za-z0-9_.-]+)\}/g;
const ENV = /\{env\.([A-Za-z_][A-Za-z0-9_]*)\}/g;

export type Resolved = { ok: true; value: string; shown: string; secure: boolean } | { ok: false; detail: string };

function lookup(outputs: Outputs, name: string): Outputs[string] | undefined {
  if (Object.hasOwn(outputs, name)) return outputs[name];
  // ARM output names are case-insensitive; templates and their readers do not always agree on case.
  const key = Object.keys(outputs).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : outputs[key];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * `shown` is the same text with secure outputs as `***`: what a probe's detail may print. A missing output names the
 * outputs that do exist, since the usual cause is a typo or a template that does not declare it.
 */
export function resolveOutputs(template: string, outputs: Outputs): Resolved {
  let missing: string | undefined;
  let secure = false;
  const render = (mask: boolean): string =>
    template.replace(OUTPUT, (_, name: string) => {
      const output = lookup(outputs, name);
      if (!output) {
        missing ??= name;
        return '';
      }
      if (isSecureType(output.type)) {
        secure = true;
        if (mask) return '***';
      }
      return text(output.value);
    });
  const value = render(false);
  if (missing !== undefined) {
    const names = Object.keys(outputs);
    return { ok: false, detail: `output '${missing}' not found in the deployment's outputs (${names.length ? names.join(', ') : 'it has none'})` };
  }
  return { ok: true, value, shown: render(true), secure };
}

export function resolveEnv(template: string, env: Record<string, string | undefined>): { ok: true; value: string } | { ok: false; missing: string } {
  let missing: string | undefined;
  const value = template.replace(ENV, (_, name: string) => {
    const found = env[name];
    if (found === undefined) missing ??= name;
    return found ?? '';
  });
  return missing === undefined ? { ok: true, value } : { ok: false, missing };
}
