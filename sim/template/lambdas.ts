import type { Expr } from './expressions.js';
import { arr, DEFERRED, fail, obj, str, toText, type Fn, type FunctionEnv, type Spec } from './values.js';

/** `lambda('a', 'b', body)`: variable names and the body, evaluated only when the receiving function calls it. */
export interface Lambda {
  readonly kind: 'lambda';
  params: string[];
  body: Expr;
}

export function makeLambda(params: unknown[], body: Expr | undefined): Lambda {
  if (!body) fail('lambda', 'a lambda needs a body expression');
  const names = params.map((p) => str('lambda', p));
  return { kind: 'lambda', params: names, body };
}

const isLambda = (v: unknown): v is Lambda => typeof v === 'object' && v !== null && (v as Lambda).kind === 'lambda';

function lambdaArg(fn: string, v: unknown, maxParams: number): Lambda {
  if (!isLambda(v)) fail(fn, `the argument must be a lambda expression, like lambda('x', ...)`);
  if (v.params.length === 0 || v.params.length > maxParams) fail(fn, `the lambda must take 1 to ${maxParams} variable(s), it takes ${v.params.length}`);
  return v;
}

/** Thrown when a lambda's result is not known yet (a reference() in preflight): the whole call is deferred then. */
class Deferral extends Error {}

function call(env: FunctionEnv, l: Lambda, args: unknown[]): unknown {
  const v = env.callLambda(l, args);
  if (v === DEFERRED) throw new Deferral();
  return v;
}

const deferring =
  (fn: Fn): Fn =>
  (a, env) => {
    try {
      return fn(a, env);
    } catch (e) {
      if (e instanceof Deferral) return DEFERRED;
      throw e;
    }
  };

/** The lambda says whether `a` comes before `b`; items it ranks equal keep their order (a stable sort). */
function sortBy(env: FunctionEnv, items: unknown[], l: Lambda): unknown[] {
  return [...items].sort((a, b) => (call(env, l, [a, b]) === true ? -1 : call(env, l, [b, a]) === true ? 1 : 0));
}

export const LAMBDA_FUNCTIONS: Record<string, Spec> = {
  lambdavariables: { min: 1, max: 1, fn: (a, env) => env.lambdaVariable(str('lambdaVariables', a[0])) },
  filter: {
    min: 2,
    max: 2,
    fn: deferring((a, env) => {
      const l = lambdaArg('filter', a[1], 2);
      return arr('filter', a[0]).filter((item, i) => {
        const keep = call(env, l, [item, i]);
        if (typeof keep !== 'boolean') fail('filter', `the lambda must return a boolean, it returned '${toText(keep)}'`);
        return keep;
      });
    }),
  },
  map: {
    min: 2,
    max: 2,
    fn: deferring((a, env) => {
      const l = lambdaArg('map', a[1], 2);
      return arr('map', a[0]).map((item, i) => call(env, l, [item, i]));
    }),
  },
  reduce: {
    min: 3,
    max: 3,
    fn: deferring((a, env) => {
      const l = lambdaArg('reduce', a[2], 3);
      if (l.params.length < 2) fail('reduce', 'the lambda must take the accumulated value and the next item');
      return arr('reduce', a[0]).reduce((acc, item, i) => call(env, l, [acc, item, i]), a[1]);
    }),
  },
  sort: {
    min: 2,
    max: 2,
    fn: deferring((a, env) => {
      const l = lambdaArg('sort', a[1], 2);
      if (l.params.length !== 2) fail('sort', 'the lambda must take two items to compare');
      return sortBy(env, arr('sort', a[0]), l);
    }),
  },
  toobject: {
    min: 2,
    max: 3,
    fn: deferring((a, env) => {
      const keyOf = lambdaArg('toObject', a[1], 1);
      const valueOf = a.length > 2 ? lambdaArg('toObject', a[2], 1) : undefined;
      const out: Record<string, unknown> = {};
      for (const item of arr('toObject', a[0])) {
        const k = call(env, keyOf, [item]);
        if (typeof k !== 'string') fail('toObject', `the key lambda must return a string, it returned '${toText(k)}'`);
        out[k] = valueOf ? call(env, valueOf, [item]) : item;
      }
      return out;
    }),
  },
  groupby: {
    min: 2,
    max: 2,
    fn: deferring((a, env) => {
      const keyOf = lambdaArg('groupBy', a[1], 1);
      const out: Record<string, unknown[]> = {};
      for (const item of arr('groupBy', a[0])) {
        const k = call(env, keyOf, [item]);
        if (typeof k !== 'string') fail('groupBy', `the key lambda must return a string, it returned '${toText(k)}'`);
        (out[k] ??= []).push(item);
      }
      return out;
    }),
  },
  mapvalues: {
    min: 2,
    max: 2,
    fn: deferring((a, env) => {
      const l = lambdaArg('mapValues', a[1], 1);
      return Object.fromEntries(Object.entries(obj('mapValues', a[0])).map(([k, v]) => [k, call(env, l, [v])]));
    }),
  },
};
