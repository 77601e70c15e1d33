import { asArray, asRecord } from './checks.js';
import { didYouMean } from './problems.js';
import type { PathKey } from './source.js';
import type { LenientComponent, StampContext } from './stamp-context.js';
import type { ResolvedParameter } from './types.js';

/**
 * A stamp's parameters: those of its parameters file, then the spec's over them (ARM's names are case-insensitive),
 * interpolated for the stamp; then checked against the template's declarations: names, types and allowedValues.
 */
export function collectParameters(
  ctx: StampContext,
  name: string,
  c: LenientComponent,
  file: Record<string, unknown> | undefined,
  declared: Record<string, unknown>,
  text: (value: string, path: PathKey[], allowOutputs?: boolean) => string,
): Record<string, ResolvedParameter> {
  const isSecure = (param: string): boolean => {
    const type = asRecord(declared[findKey(declared, param) ?? ''])?.type;
    return typeof type === 'string' && type.toLowerCase().startsWith('secure');
  };
  const result: Record<string, ResolvedParameter> = {};
  for (const [param, entry] of Object.entries(asRecord(file?.parameters) ?? {})) {
    const e = asRecord(entry) ?? {};
    const source = `parameters file ${c.parametersFile}`;
    result[param] = e.reference !== undefined ? { reference: e.reference, secure: true, source } : { value: e.value, secure: isSecure(param), source };
  }
  for (const [param, raw] of Object.entries(c.parameters ?? {})) {
    // `{outputs.COMPONENT.NAME}` stays for deploy time; output-refs.ts checks it against requires and templates.
    const value = deepInterpolate(raw, ['components', name, 'parameters', param], (v, p) => text(v, p, true));
    const existing = findKey(result, param);
    if (existing !== undefined) delete result[existing];
    const secure = isSecure(param);
    result[param] = { value, secure, source: secure && typeof raw === 'string' ? raw : 'spec' };
  }
  for (const p of Object.values(result)) if (p.secure && p.value !== undefined) collectSecrets(p.value, ctx.secrets);
  return result;
}

export function checkParameters(
  ctx: StampContext,
  name: string,
  c: LenientComponent,
  declared: Record<string, unknown>,
  given: Record<string, ResolvedParameter>,
  unresolved: (path: PathKey[]) => boolean,
  invalid: (path: PathKey[], value: string, message: string, hint: string) => void,
): void {
  const where = (param: string): PathKey[] =>
    c.parameters && findKey(c.parameters, param) !== undefined ? ['components', name, 'parameters', findKey(c.parameters, param)!] : ['components', name, c.parametersFile ? 'parametersFile' : 'template'];
  for (const param of Object.keys(given)) {
    if (findKey(declared, param) === undefined) {
      ctx.problems.push(ctx.source.problem(where(param), `template ${c.template} has no parameter "${param}"`, didYouMean(param, Object.keys(declared)) ?? `its parameters: ${Object.keys(declared).join(', ') || 'none'}`, true));
    }
  }
  for (const [param, rawDef] of Object.entries(declared)) {
    const def = asRecord(rawDef) ?? {};
    const key = findKey(given, param);
    if (key === undefined) {
      if (!('defaultValue' in def)) {
        ctx.problems.push(ctx.source.problem(['components', name], `template parameter "${param}" of ${c.template} has no value and no default`, `add it under components.${name}.parameters`, true));
      }
      continue;
    }
    const value = given[key].value;
    if (value === undefined || unresolved(where(key))) continue;
    // An output reference of an earlier stamp is filled at deploy time; output-refs.ts checks its type.
    if (typeof value === 'string' && value.includes('{outputs.')) continue;
    const expected = typeMismatch(String(def.type ?? ''), value);
    const shownValue = given[key].secure ? 'the given value' : JSON.stringify(value);
    if (expected) {
      const shown = given[key].secure ? '' : `, not ${JSON.stringify(value)}`;
      invalid(where(key), shownValue, `parameter "${param}" must be ${expected} for the template${shown}`, typeHint(expected, value));
    }
    const allowed = asArray(def.allowedValues);
    if (allowed.length > 0 && !allowed.some((a) => JSON.stringify(a) === JSON.stringify(value))) {
      invalid(where(key), shownValue, `parameter "${param}": ${shownValue} is not among the template's allowedValues`, `use one of: ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
    }
  }
}

function deepInterpolate(value: unknown, path: PathKey[], text: (value: string, path: PathKey[]) => string): unknown {
  if (typeof value === 'string') return text(value, path);
  if (Array.isArray(value)) return value.map((v, i) => deepInterpolate(v, [...path, i], text));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepInterpolate(v, [...path, k], text)]));
  }
  return value;
}

function collectSecrets(value: unknown, into: Set<string>): void {
  if (typeof value === 'string' && value !== '') into.add(value);
  else if (Array.isArray(value)) value.forEach((v) => collectSecrets(v, into));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => collectSecrets(v, into));
}

/** ARM parameter names are case-insensitive. */
function findKey(record: Record<string, unknown>, name: string): string | undefined {
  return Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
}

/** What the template's parameter type wants, when the value is not it. */
function typeMismatch(type: string, value: unknown): string | undefined {
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  const wants: Record<string, [boolean, string]> = {
    string: [typeof value === 'string', 'a string'],
    securestring: [typeof value === 'string', 'a string'],
    int: [Number.isInteger(value), 'an integer'],
    bool: [typeof value === 'boolean', 'true or false'],
    array: [Array.isArray(value), 'a list'],
    object: [isObject, 'a mapping'],
    secureobject: [isObject, 'a mapping'],
  };
  const rule = wants[type.toLowerCase()];
  return rule && !rule[0] ? rule[1] : undefined;
}

/** How to write a value of the type a template parameter wants. */
function typeHint(expected: string, value: unknown): string {
  if (typeof value === 'string' && expected === 'an integer' && /^-?\d+$/.test(value.trim())) return `write the number without quotes: ${value.trim()} (a {...} placeholder always gives a string)`;
  if (typeof value === 'string' && expected === 'true or false' && /^(true|false)$/i.test(value.trim())) return `write ${value.trim().toLowerCase()} without quotes`;
  const examples: Record<string, string> = { 'a string': 'name: "web-1"', 'an integer': 'count: 3', 'true or false': 'enabled: true', 'a list': 'zones: [1, 2]', 'a mapping': 'tags: { team: web }' };
  return `give ${expected}, e.g. ${examples[expected] ?? expected}`;
}
