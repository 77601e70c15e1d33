import { randomUUID } from 'node:crypto';
import { formatUtc } from './dotnetTime.js';
import { arr, fail, INF, int, isObject, obj, str, toText, typeName, type Spec } from './values.js';

/** Array, object, string, numeric, comparison, date and copy functions: pure computations on values. */

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function compare(name: string, a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return fail(name, `the arguments must both be integers or both strings, they are '${typeName(a)}' and '${typeName(b)}'`);
}

const numbers = (name: string, a: unknown[]): number[] => (a.length === 1 && Array.isArray(a[0]) ? a[0] : a).map((v) => int(name, v));

function sliceOf(name: string, v: unknown, from: number, to: number | undefined): unknown {
  if (typeof v === 'string') return v.slice(from, to);
  return arr(name, v).slice(from, to);
}

function indexIn(name: string, container: unknown, item: unknown, last: boolean): number {
  if (typeof container === 'string') {
    // ARM: indexOf/lastIndexOf on strings ignore case.
    const c = container.toLowerCase();
    const s = str(name, item).toLowerCase();
    return last ? c.lastIndexOf(s) : c.indexOf(s);
  }
  const list = arr(name, container);
  const found = last ? list.map((v, i) => [v, i] as const).reverse().find(([v]) => same(v, item)) : list.map((v, i) => [v, i] as const).find(([v]) => same(v, item));
  return found ? found[1] : -1;
}

const base64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const fromBase64 = (s: string): string => Buffer.from(s, 'base64').toString('utf8');

function epochSeconds(name: string, v: unknown): number {
  const ms = Date.parse(str(name, v));
  if (Number.isNaN(ms)) fail(name, `'${String(v)}' is not a valid date and time`);
  return Math.floor(ms / 1000);
}

/** An ISO 8601 duration (P1Y2M3W4DT5H6M7S, optionally negative) added in UTC calendar arithmetic. */
function addDuration(name: string, ms: number, duration: string): number {
  const m = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(duration);
  if (!m || duration === 'P' || duration.endsWith('T')) fail(name, `'${duration}' is not an ISO 8601 duration`);
  const sign = m[1] ? -1 : 1;
  const n = (i: number): number => sign * Number(m[i] ?? 0);
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() + n(2), d.getUTCMonth() + n(3), d.getUTCDate() + 7 * n(4) + n(5));
  return d.getTime() + ((n(6) * 60 + n(7)) * 60 + n(8)) * 1000;
}

export const DATA_FUNCTIONS: Record<string, Spec> = {
  array: { min: 1, max: 1, fn: (a) => (Array.isArray(a[0]) ? a[0] : [a[0]]) },
  indexof: { min: 2, max: 2, fn: (a) => indexIn('indexOf', a[0], a[1], false) },
  lastindexof: { min: 2, max: 2, fn: (a) => indexIn('lastIndexOf', a[0], a[1], true) },
  intersection: {
    min: 2,
    max: INF,
    fn: (a) => {
      if (a.every(Array.isArray)) {
        const [head, ...rest] = a as unknown[][];
        return head.filter((v, i) => head.findIndex((x) => same(x, v)) === i && rest.every((r) => r.some((x) => same(x, v))));
      }
      const [head, ...rest] = a.map((v) => obj('intersection', v));
      return Object.fromEntries(Object.entries(head).filter(([k, v]) => rest.every((r) => k in r && same(r[k], v))));
    },
  },
  min: { min: 1, max: INF, fn: (a) => Math.min(...numbers('min', a)) },
  max: { min: 1, max: INF, fn: (a) => Math.max(...numbers('max', a)) },
  range: {
    min: 2,
    max: 2,
    fn: (a) => {
      const start = int('range', a[0]);
      const count = int('range', a[1]);
      if (count < 0 || count > 10_000) fail('range', 'the count must be between 0 and 10000');
      return Array.from({ length: count }, (_, i) => start + i);
    },
  },
  skip: { min: 2, max: 2, fn: (a) => sliceOf('skip', a[0], Math.max(0, int('skip', a[1])), undefined) },
  take: { min: 2, max: 2, fn: (a) => sliceOf('take', a[0], 0, Math.max(0, int('take', a[1]))) },
  indexfromend: {
    min: 2,
    max: 2,
    fn: (a) => {
      const list = arr('indexFromEnd', a[0]);
      const n = int('indexFromEnd', a[1]);
      if (n < 1 || n > list.length) fail('indexFromEnd', `the reverse index '${n}' is out of bounds`);
      return list[list.length - n];
    },
  },
  tryindexfromend: {
    min: 2,
    max: 2,
    fn: (a) => {
      const list = arr('tryIndexFromEnd', a[0]);
      const n = int('tryIndexFromEnd', a[1]);
      return n >= 1 && n <= list.length ? list[list.length - n] : null;
    },
  },
  items: {
    min: 1,
    max: 1,
    // ARM returns the entries sorted by key.
    fn: (a) =>
      Object.entries(obj('items', a[0]))
        .sort(([x], [y]) => (x.toLowerCase() < y.toLowerCase() ? -1 : x.toLowerCase() > y.toLowerCase() ? 1 : 0))
        .map(([key, value]) => ({ key, value })),
  },
  objectkeys: { min: 1, max: 1, fn: (a) => Object.keys(obj('objectKeys', a[0])) },
  shallowmerge: { min: 1, max: 1, fn: (a) => Object.assign({}, ...arr('shallowMerge', a[0]).map((v) => obj('shallowMerge', v))) },
  tryget: {
    min: 2,
    max: INF,
    fn: (a) => {
      let cur: unknown = a[0];
      for (const k of a.slice(1)) {
        if (Array.isArray(cur) && typeof k === 'number') cur = k >= 0 && k < cur.length ? cur[k] : null;
        else if (isObject(cur) && typeof k === 'string') {
          const key = Object.keys(cur).find((x) => x.toLowerCase() === k.toLowerCase());
          cur = key === undefined ? null : cur[key];
        } else return null;
        if (cur === null) return null;
      }
      return cur;
    },
  },
  greater: { min: 2, max: 2, fn: (a) => compare('greater', a[0], a[1]) > 0 },
  greaterorequals: { min: 2, max: 2, fn: (a) => compare('greaterOrEquals', a[0], a[1]) >= 0 },
  less: { min: 2, max: 2, fn: (a) => compare('less', a[0], a[1]) < 0 },
  lessorequals: { min: 2, max: 2, fn: (a) => compare('lessOrEquals', a[0], a[1]) <= 0 },
  add: { min: 2, max: 2, fn: (a) => int('add', a[0]) + int('add', a[1]) },
  sub: { min: 2, max: 2, fn: (a) => int('sub', a[0]) - int('sub', a[1]) },
  mul: { min: 2, max: 2, fn: (a) => int('mul', a[0]) * int('mul', a[1]) },
  div: {
    min: 2,
    max: 2,
    fn: (a) => {
      if (int('div', a[1]) === 0) fail('div', 'the divisor must not be zero');
      return Math.trunc(int('div', a[0]) / (a[1] as number));
    },
  },
  mod: {
    min: 2,
    max: 2,
    fn: (a) => {
      if (int('mod', a[1]) === 0) fail('mod', 'the divisor must not be zero');
      return int('mod', a[0]) % (a[1] as number);
    },
  },
  float: {
    min: 1,
    max: 1,
    fn: (a) => {
      const n = typeof a[0] === 'number' ? a[0] : Number(str('float', a[0]));
      if (!Number.isFinite(n)) fail('float', `the value '${toText(a[0])}' cannot be converted to a number`);
      return n;
    },
  },
  base64: { min: 1, max: 1, fn: (a) => base64(str('base64', a[0])) },
  base64tostring: { min: 1, max: 1, fn: (a) => fromBase64(str('base64ToString', a[0])) },
  base64tojson: {
    min: 1,
    max: 1,
    fn: (a) => {
      try {
        return JSON.parse(fromBase64(str('base64ToJson', a[0])));
      } catch {
        return fail('base64ToJson', 'the decoded text is not valid JSON');
      }
    },
  },
  datauri: { min: 1, max: 1, fn: (a) => `data:text/plain;charset=utf8;base64,${base64(toText(a[0]))}` },
  datauritostring: {
    min: 1,
    max: 1,
    fn: (a) => {
      const m = /^data:[^,]*?(;base64)?,(.*)$/s.exec(str('dataUriToString', a[0]));
      if (!m) fail('dataUriToString', 'the argument is not a data URI');
      return m[1] ? fromBase64(m[2]) : decodeURIComponent(m[2]);
    },
  },
  uri: {
    min: 2,
    max: 2,
    fn: (a) => {
      try {
        return new URL(str('uri', a[1]), str('uri', a[0])).href;
      } catch {
        return fail('uri', `'${String(a[0])}' is not an absolute URI`);
      }
    },
  },
  uricomponent: { min: 1, max: 1, fn: (a) => encodeURIComponent(str('uriComponent', a[0])) },
  uricomponenttostring: { min: 1, max: 1, fn: (a) => decodeURIComponent(str('uriComponentToString', a[0])) },
  padleft: {
    min: 2,
    max: 3,
    fn: (a) => {
      const pad = a.length > 2 ? str('padLeft', a[2]) : ' ';
      if (pad.length !== 1) fail('padLeft', 'the padding must be a single character');
      const v = typeof a[0] === 'number' ? String(a[0]) : str('padLeft', a[0]);
      return v.padStart(int('padLeft', a[1]), pad);
    },
  },
  join: { min: 2, max: 2, fn: (a) => arr('join', a[0]).map((v) => (typeof v === 'string' ? v : toText(v))).join(str('join', a[1])) },
  datetimeadd: {
    min: 2,
    max: 3,
    fn: (a) => {
      const base = Date.parse(str('dateTimeAdd', a[0]).replace(' ', 'T'));
      if (Number.isNaN(base)) fail('dateTimeAdd', `'${String(a[0])}' is not a valid date and time`);
      try {
        // Without a format, .NET's general date/time pattern, as in ARM's examples (4/7/2023 2:53:14 PM).
        return formatUtc(addDuration('dateTimeAdd', base, str('dateTimeAdd', a[1])), a.length > 2 ? str('dateTimeAdd', a[2]) : 'G');
      } catch (e) {
        return fail('dateTimeAdd', (e as Error).message);
      }
    },
  },
  datetimefromepoch: { min: 1, max: 1, fn: (a) => new Date(int('dateTimeFromEpoch', a[0]) * 1000).toISOString().replace('.000Z', 'Z') },
  datetimetoepoch: { min: 1, max: 1, fn: (a) => epochSeconds('dateTimeToEpoch', a[0]) },
  utcnow: {
    min: 0,
    max: 1,
    fn: (a, env) => {
      env.requireParameterDefault('utcNow');
      try {
        return formatUtc(env.now(), a.length > 0 ? str('utcNow', a[0]) : 'yyyyMMddTHHmmssZ');
      } catch (e) {
        return fail('utcNow', (e as Error).message);
      }
    },
  },
  newguid: {
    min: 0,
    max: 0,
    fn: (_a, env) => {
      env.requireParameterDefault('newGuid');
      return randomUUID();
    },
  },
  copyindex: {
    min: 0,
    max: 2,
    fn: (a, env) => {
      const name = typeof a[0] === 'string' ? a[0] : undefined;
      const offset = a.length === 2 ? int('copyIndex', a[1]) : typeof a[0] === 'number' ? int('copyIndex', a[0]) : 0;
      return env.copyIndex(name) + offset;
    },
  },
};
