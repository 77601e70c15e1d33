import { createHash } from 'node:crypto';
import { TemplateError } from '../errors.js';
import { CIDR_FUNCTIONS } from './cidr.js';
import { DATA_FUNCTIONS } from './functionsData.js';
import { listFunctionFor, SCOPE_FUNCTIONS } from './functionsScope.js';
import { LAMBDA_FUNCTIONS } from './lambdas.js';
import { DEFERRED, equals, fail, INF, isObject, str, toText, type FunctionEnv, type Spec } from './values.js';

export { DEFERRED, typeName, type Deferred, type FunctionEnv } from './values.js';

/** Not ARM's MurmurHash64: same contract (13 lowercase base32 chars, deterministic per input), different digits. */
function uniqueString(parts: string[]): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const digest = createHash('sha256').update(parts.join('-')).digest();
  let bits = digest.readBigUInt64BE(0);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out += alphabet[Number(bits & 31n)];
    bits >>= 5n;
  }
  return out;
}

/** Deterministic name-based UUID (v5-style) like ARM's guid(); the digits differ from ARM's. */
function guid(parts: string[]): string {
  const h = createHash('sha1').update(parts.join('-')).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function format(name: string, args: unknown[]): string {
  const fmt = str(name, args[0]);
  return fmt.replace(/\{\{|\}\}|\{(\d+)(?::([^}]*))?\}/g, (m, idx: string | undefined, spec: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const i = Number(idx);
    if (i + 1 >= args.length) fail(name, `the format item index '${i}' is out of range`);
    const v = args[i + 1];
    if (spec && typeof v === 'number') {
      const d = /^[Dd](\d+)$/.exec(spec);
      if (d) return String(v).padStart(Number(d[1]), '0');
      const n = /^[Nn](\d+)$/.exec(spec);
      if (n) return v.toLocaleString('en-US', { minimumFractionDigits: Number(n[1]), maximumFractionDigits: Number(n[1]) });
    }
    return toText(v);
  });
}

function resourceIdFn(args: unknown[], env: FunctionEnv): string {
  const all = args.map((a) => str('resourceId', a));
  // ARM: the resource type is the first argument with a slash; one or two arguments may precede it.
  const typeAt = all.findIndex((a) => a.includes('/'));
  if (typeAt < 0 || typeAt > 2) fail('resourceId', 'the resource type argument (like Microsoft.Web/sites) was not found');
  const names = all.slice(typeAt + 1);
  if (names.length === 0) fail('resourceId', 'at least one resource name must follow the resource type');
  const sub = typeAt === 2 ? all[0] : undefined;
  const rg = typeAt === 2 ? all[1] : typeAt === 1 ? all[0] : undefined;
  return env.resourceId(sub, rg, all[typeAt], names);
}

/** union() of arrays keeps each value once, by value (nested arrays too), at its first place. */
const uniqueByValue = (items: unknown[]): unknown[] => {
  const seen = new Set<string>();
  return items.filter((v) => {
    const k = JSON.stringify(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

/** union() of objects: nested objects merge, any other value (arrays too) is replaced by the later argument's. */
function mergeDeep(into: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  const out = { ...into };
  for (const [k, v] of Object.entries(next)) out[k] = isObject(out[k]) && isObject(v) ? mergeDeep(out[k] as Record<string, unknown>, v) : v;
  return out;
}

const CORE_FUNCTIONS: Record<string, Spec> = {
  parameters: { min: 1, max: 1, fn: (a, env) => env.parameter(str('parameters', a[0])) },
  variables: { min: 1, max: 1, fn: (a, env) => env.variable(str('variables', a[0])) },
  concat: {
    min: 1,
    max: INF,
    fn: (a) => (a.every(Array.isArray) ? (a as unknown[][]).flat() : a.map((v) => (v === null ? '' : toText(v))).join('')),
  },
  format: { min: 1, max: INF, fn: (a) => format('format', a) },
  resourcegroup: { min: 0, max: 0, fn: (_a, env) => env.resourceGroup() },
  subscription: { min: 0, max: 0, fn: (_a, env) => env.subscription() },
  deployment: { min: 0, max: 0, fn: (_a, env) => env.deployment() },
  uniquestring: { min: 1, max: INF, fn: (a) => uniqueString(a.map((v) => str('uniqueString', v))) },
  guid: { min: 1, max: INF, fn: (a) => guid(a.map((v) => str('guid', v))) },
  tolower: { min: 1, max: 1, fn: (a) => str('toLower', a[0]).toLowerCase() },
  toupper: { min: 1, max: 1, fn: (a) => str('toUpper', a[0]).toUpperCase() },
  resourceid: { min: 2, max: INF, fn: resourceIdFn },
  reference: {
    min: 1,
    max: 3,
    fn: (a, env) => env.reference(str('reference', a[0]), typeof a[2] === 'string' && a[2].toLowerCase() === 'full'),
  },
  string: { min: 1, max: 1, fn: (a) => toText(a[0]) },
  int: {
    min: 1,
    max: 1,
    fn: (a) => {
      const n = typeof a[0] === 'number' ? a[0] : Number.parseInt(String(a[0]), 10);
      if (!Number.isFinite(n)) fail('int', `the value '${toText(a[0])}' cannot be converted to an integer`);
      return Math.trunc(n);
    },
  },
  bool: { min: 1, max: 1, fn: (a) => (typeof a[0] === 'string' ? a[0].toLowerCase() === 'true' : Boolean(a[0])) },
  true: { min: 0, max: 0, fn: () => true },
  false: { min: 0, max: 0, fn: () => false },
  null: { min: 0, max: 0, fn: () => null },
  if: { min: 3, max: 3, fn: (a) => (a[0] === true ? a[1] : a[2]) },
  equals: { min: 2, max: 2, fn: (a) => equals(a[0], a[1]) },
  not: { min: 1, max: 1, fn: (a) => !a[0] },
  and: { min: 2, max: INF, fn: (a) => a.every((v) => v === true) },
  or: { min: 2, max: INF, fn: (a) => a.some((v) => v === true) },
  empty: {
    min: 1,
    max: 1,
    fn: (a) => a[0] === null || a[0] === '' || (Array.isArray(a[0]) && a[0].length === 0) || (isObject(a[0]) && Object.keys(a[0]).length === 0),
  },
  length: {
    min: 1,
    max: 1,
    fn: (a) => (typeof a[0] === 'string' || Array.isArray(a[0]) ? a[0].length : isObject(a[0]) ? Object.keys(a[0]).length : fail('length', 'the argument must be a string, array or object')),
  },
  replace: { min: 3, max: 3, fn: (a) => str('replace', a[0]).split(str('replace', a[1])).join(str('replace', a[2])) },
  split: { min: 2, max: 2, fn: (a) => str('split', a[0]).split(str('split', a[1])) },
  substring: {
    min: 2,
    max: 3,
    fn: (a) => {
      const s = str('substring', a[0]);
      const start = Number(a[1]);
      const len = a.length > 2 ? Number(a[2]) : s.length - start;
      if (start < 0 || len < 0 || start + len > s.length) fail('substring', 'the index and length must refer to a location within the string');
      return s.substring(start, start + len);
    },
  },
  coalesce: { min: 1, max: INF, fn: (a) => a.find((v) => v !== null && v !== undefined) ?? null },
  createarray: { min: 0, max: INF, fn: (a) => [...a] },
  createobject: {
    min: 0,
    max: INF,
    fn: (a) => {
      if (a.length % 2 !== 0) fail('createObject', 'the function requires an even number of arguments');
      const o: Record<string, unknown> = {};
      for (let i = 0; i < a.length; i += 2) o[str('createObject', a[i])] = a[i + 1];
      return o;
    },
  },
  json: {
    min: 1,
    max: 1,
    fn: (a) => {
      try {
        return JSON.parse(str('json', a[0]));
      } catch {
        return fail('json', 'the argument is not valid JSON');
      }
    },
  },
  union: {
    min: 1,
    max: INF,
    fn: (a) => (a.every(Array.isArray) ? uniqueByValue((a as unknown[][]).flat()) : a.map((v) => (isObject(v) ? v : fail('union', 'arguments must all be objects or all arrays'))).reduce(mergeDeep, {})),
  },
  contains: {
    min: 2,
    max: 2,
    fn: (a) =>
      typeof a[0] === 'string'
        ? // ARM: case-sensitive for strings, case-insensitive for object keys.
          a[0].includes(toText(a[1]))
        : Array.isArray(a[0])
          ? a[0].some((v) => equals(v, a[1]))
          : isObject(a[0])
            ? Object.keys(a[0]).some((k) => k.toLowerCase() === String(a[1]).toLowerCase())
            : fail('contains', 'the first argument must be a string, array or object'),
  },
  startswith: { min: 2, max: 2, fn: (a) => str('startsWith', a[0]).toLowerCase().startsWith(str('startsWith', a[1]).toLowerCase()) },
  endswith: { min: 2, max: 2, fn: (a) => str('endsWith', a[0]).toLowerCase().endsWith(str('endsWith', a[1]).toLowerCase()) },
  trim: { min: 1, max: 1, fn: (a) => str('trim', a[0]).trim() },
  first: { min: 1, max: 1, fn: (a) => (typeof a[0] === 'string' ? a[0].slice(0, 1) : Array.isArray(a[0]) ? a[0][0] : fail('first', 'the argument must be a string or array')) },
  last: { min: 1, max: 1, fn: (a) => (typeof a[0] === 'string' ? a[0].slice(-1) : Array.isArray(a[0]) ? a[0][a[0].length - 1] : fail('last', 'the argument must be a string or array')) },
};

const FUNCTIONS: Record<string, Spec> = { ...CORE_FUNCTIONS, ...DATA_FUNCTIONS, ...CIDR_FUNCTIONS, ...SCOPE_FUNCTIONS, ...LAMBDA_FUNCTIONS };

export const supportedFunctions = (): string[] => Object.keys(FUNCTIONS);

/** Whether a template may call `name` here: the table, any list*, and `lambda` (which the evaluator handles). */
export const isSupportedFunction = (name: string): boolean => name.toLowerCase() in FUNCTIONS || listFunctionFor(name) !== undefined || name.toLowerCase() === 'lambda';

export function callFunction(name: string, args: unknown[], env: FunctionEnv): unknown {
  const spec = FUNCTIONS[name.toLowerCase()] ?? listFunctionFor(name);
  if (!spec) {
    throw new TemplateError(
      `The template function '${name}' is not valid. Please see https://aka.ms/arm-functions for usage details. (The local ARM simulator does not implement '${name}'.)`,
    );
  }
  if (args.length < spec.min || args.length > spec.max) {
    const want = spec.min === spec.max ? `${spec.min}` : spec.max === INF ? `at least ${spec.min}` : `${spec.min} to ${spec.max}`;
    fail(name, `the function requires ${want} argument(s) while ${args.length} were provided`);
  }
  // `if` is the one function whose untaken branch may be deferred without deferring the result.
  if (name.toLowerCase() === 'if' && args[0] !== DEFERRED) return spec.fn(args, env);
  if (args.some((a) => a === DEFERRED)) return DEFERRED;
  return spec.fn(args, env);
}
