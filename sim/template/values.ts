import { TemplateError } from '../errors.js';
import type { TemplateContext } from './evaluate.js';
import type { Lambda } from './lambdas.js';

/**
 * A value that cannot be known before resources exist (a `reference()` during validation or what-if). Anything
 * computed from it is deferred too; ARM shows such properties unevaluated in what-if, and so do we.
 */
export const DEFERRED: unique symbol = Symbol('deferred');
export type Deferred = typeof DEFERRED;

/** What template functions may ask of the template being evaluated. */
export interface FunctionEnv {
  parameter(name: string): unknown;
  variable(name: string): unknown;
  resourceGroup(): unknown;
  subscription(): unknown;
  deployment(): unknown;
  tenant(): unknown;
  managementGroup(): unknown;
  context(): TemplateContext;
  /** `resourceId()` with the caller's defaults for subscription and resource group. */
  resourceId(subscription: string | undefined, resourceGroup: string | undefined, type: string, names: string[]): string;
  reference(target: string, full: boolean): unknown;
  list(target: string, apiVersion: string, fn: string, body: unknown): unknown;
  copyIndex(loopName: string | undefined): number;
  lambdaVariable(name: string): unknown;
  callLambda(l: Lambda, args: unknown[]): unknown;
  now(): number;
  requireParameterDefault(fn: string): void;
}

export type Fn = (args: unknown[], env: FunctionEnv) => unknown;
export interface Spec {
  min: number;
  max: number;
  fn: Fn;
}

export const INF = Number.POSITIVE_INFINITY;

export function fail(name: string, why: string): never {
  throw new TemplateError(`Unable to evaluate template language function '${name}': ${why}. Please see https://aka.ms/arm-functions for usage details`);
}

export const str = (name: string, v: unknown): string => {
  if (typeof v !== 'string') fail(name, `the argument must be a string, but it is of type '${typeName(v)}'`);
  return v;
};

export const int = (name: string, v: unknown): number => {
  if (typeof v !== 'number' || !Number.isInteger(v)) fail(name, `the argument must be an integer, but it is of type '${typeName(v)}'`);
  return v;
};

export const arr = (name: string, v: unknown): unknown[] => {
  if (!Array.isArray(v)) fail(name, `the argument must be an array, but it is of type '${typeName(v)}'`);
  return v;
};

export const obj = (name: string, v: unknown): Record<string, unknown> => {
  if (!isObject(v)) fail(name, `the argument must be an object, but it is of type '${typeName(v)}'`);
  return v;
};

export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'Null';
  if (Array.isArray(v)) return 'Array';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Float';
  return 'Object';
}

export const toText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** ARM's equality: strings case-insensitively, everything else by value. */
export function equals(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return JSON.stringify(a) === JSON.stringify(b);
}
