import { ArmError, TemplateError } from '../errors.js';
import type { Scope } from '../ids.js';
import { isSecureType } from '../format.js';
import { checkParameter } from './parameterChecks.js';
import { deploymentValue, managementGroupValue, resourceGroupValue, resourceIdIn, subscriptionValue, tenantValue } from './scopeValues.js';
import { classify, parseExpression, type Expr } from './expressions.js';
import { callFunction, DEFERRED, type FunctionEnv } from './functions.js';
import { makeLambda, type Lambda } from './lambdas.js';

export interface TemplateContext {
  scope: Scope;
  deploymentName: string;
  deploymentLocation?: string;
  resourceGroup?: { name: string; location: string; tags?: Record<string, string> };
  tenantId: string;
  mode: string;
  /** The sim's clock at the request, for utcNow(). */
  now?: number;
  templateLink?: Record<string, unknown>;
  /** The parameters as the request gave them, for deployment().properties.parameters. */
  suppliedParameters?: Record<string, unknown>;
}

export interface ResolvedParameter {
  type: string;
  value: unknown;
  secure: boolean;
}

/** A template resource after validation: its identity is known; `properties` may still hold deferred parts. */
export interface PlannedResource {
  type: string;
  name: string;
  id: string;
  apiVersion: string;
  location?: string;
  tags?: Record<string, string>;
  properties: Record<string, unknown>;
  /** `sku`, `kind`, `identity`, `plan`, `zones`, `managedBy`: the resource's properties outside `properties`. */
  topLevel: Record<string, unknown>;
  /** The template's resource object, evaluated again at deployment time with real `reference()` values. */
  raw: Record<string, unknown>;
  /** Ids of resources in this template it waits for: explicit dependsOn plus implicit `reference()`. */
  dependsOn: string[];
  /** The copy-loop instance this resource is, so deployment-time evaluation sees the same copyIndex(). */
  copy?: LoopFrame;
}

export interface TemplatePlan {
  parameters: Record<string, ResolvedParameter>;
  resources: PlannedResource[];
  evaluator: Evaluator;
}

/** A resource as `reference()` sees it. */
export interface ResourceView {
  id: string;
  type: string;
  name: string;
  apiVersion: string;
  location?: string;
  tags?: Record<string, string>;
  properties: Record<string, unknown>;
  topLevel: Record<string, unknown>;
}

/** The resource properties ARM keeps outside `properties`, in the order a GET returns them. */
export const TOP_LEVEL_KEYS = ['sku', 'kind', 'identity', 'plan', 'zones', 'managedBy'] as const;

/** `reference(target)` resolver: real values at deployment, DEFERRED in preflight. */
export type ReferenceFn = (target: string, full: boolean) => unknown;
/** `list*(target, apiVersion[, body])` resolver; `fn` is the function's name (listKeys, listSecrets, list...). */
export type ListFn = (target: string, apiVersion: string, fn: string, body: unknown) => unknown;

export interface LoopFrame {
  name: string;
  kind: 'resource' | 'property' | 'variable' | 'output';
  index: number;
}

interface PropertyCopy {
  name: string;
  count: unknown;
  input: unknown;
}

/** `"copy": [{name, count, input}]` inside properties or variables: a property (variable) per entry, an array each. */
function isPropertyCopy(v: unknown): v is PropertyCopy[] {
  return Array.isArray(v) && v.length > 0 && v.every((c) => isObject(c) && typeof c.name === 'string' && 'count' in c && 'input' in c);
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const TYPES = ['string', 'securestring', 'int', 'bool', 'object', 'secureobject', 'array'];

export class Evaluator implements FunctionEnv {
  private readonly template: Record<string, unknown>;
  private readonly supplied: Record<string, unknown>;
  private readonly ctx: TemplateContext;
  private readonly params = new Map<string, ResolvedParameter>();
  private readonly vars = new Map<string, unknown>();
  private readonly resolving = new Set<string>();
  private readonly cache = new Map<string, Expr>();
  /** Copy loops being evaluated, innermost last: copyIndex() reads them. */
  private readonly loops: LoopFrame[] = [];
  /** Lambda variables in scope, innermost last. */
  private readonly lambdaScopes: Map<string, unknown>[] = [];
  /** True while a parameter's defaultValue is evaluated: the one place utcNow() and newGuid() may appear. */
  private inParameterDefault = false;
  referenceFn: ReferenceFn = () => DEFERRED;
  /** `list*()` resolver: real values at deployment, DEFERRED in preflight. */
  listFn: ListFn = () => DEFERRED;

  constructor(template: Record<string, unknown>, supplied: Record<string, unknown>, ctx: TemplateContext) {
    this.template = template;
    this.supplied = supplied;
    this.ctx = ctx;
  }

  /** Evaluates every template string inside `raw`. A deferred string stays as its expression text (what-if shows that). */
  value(raw: unknown): unknown {
    if (typeof raw === 'string') {
      const c = classify(raw);
      if ('literal' in c) return c.literal;
      const v = this.expr(c.expression);
      return v === DEFERRED ? raw : v;
    }
    if (Array.isArray(raw)) return raw.map((v) => this.value(v));
    if (isObject(raw)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(raw)) {
        if (k.toLowerCase() === 'copy' && isPropertyCopy(v)) {
          for (const loop of v) out[loop.name] = this.loop(loop.name, 'property', loop.count, () => this.value(loop.input));
        } else out[k] = this.value(v);
      }
      return out;
    }
    return raw;
  }

  /** Runs `each` once per copy index of a loop; ARM allows 0 to 800 iterations. */
  loop(name: string, kind: LoopFrame['kind'], rawCount: unknown, each: (index: number) => unknown): unknown[] {
    const count = this.value(rawCount);
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 800) {
      throw new TemplateError(`The copy count of the loop '${name}' must be a non-negative integer not greater than 800, known before deployment; it is '${typeof count === 'symbol' ? String(rawCount) : JSON.stringify(count)}'`);
    }
    const out: unknown[] = [];
    for (let i = 0; i < count; i++) out.push(this.withLoop({ name, kind, index: i }, () => each(i)));
    return out;
  }

  withLoop<T>(frame: LoopFrame | undefined, fn: () => T): T {
    if (!frame) return fn();
    this.loops.push(frame);
    try {
      return fn();
    } finally {
      this.loops.pop();
    }
  }

  copyIndex(name: string | undefined): number {
    const frame = name === undefined
      ? [...this.loops].reverse().find((f) => f.kind === 'resource' || f.kind === 'output')
      : [...this.loops].reverse().find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (!frame) {
      throw new TemplateError(
        name === undefined
          ? `The template function 'copyIndex' is not expected at this location. It can only be used in a resource or output with a copy loop, or with the loop name in a property or variable copy`
          : `The template function 'copyIndex' has an invalid copy loop name '${name}': no enclosing copy loop has that name`,
      );
    }
    return frame.index;
  }

  lambdaVariable(name: string): unknown {
    for (let i = this.lambdaScopes.length - 1; i >= 0; i--) {
      const hit = [...this.lambdaScopes[i]].find(([k]) => k.toLowerCase() === name.toLowerCase());
      if (hit) return hit[1];
    }
    throw new TemplateError(`The lambda variable '${name}' is not defined: lambdaVariables() can only name a variable of an enclosing lambda`);
  }

  /** Calls a lambda made by `lambda('x', ..., body)` with its variables bound. */
  callLambda(l: Lambda, args: unknown[]): unknown {
    const scope = new Map<string, unknown>();
    l.params.forEach((p, i) => scope.set(p, args[i]));
    this.lambdaScopes.push(scope);
    try {
      return this.evalExpr(l.body);
    } finally {
      this.lambdaScopes.pop();
    }
  }

  now(): number {
    return this.ctx.now ?? Date.now();
  }

  /** utcNow() and newGuid() are only valid in a parameter's defaultValue; ARM rejects them elsewhere. */
  requireParameterDefault(fn: string): void {
    if (!this.inParameterDefault) {
      throw new TemplateError(`The template function '${fn}' is not expected at this location. It can only be used within the default value of a parameter. Please see https://aka.ms/arm-functions for usage details`);
    }
  }

  context(): TemplateContext {
    return this.ctx;
  }

  list(target: string, apiVersion: string, fn: string, body: unknown): unknown {
    return this.listFn(target, apiVersion, fn, body);
  }

  expr(src: string): unknown {
    let e = this.cache.get(src);
    if (!e) {
      e = parseExpression(src);
      this.cache.set(src, e);
    }
    return this.evalExpr(e);
  }

  private evalExpr(e: Expr): unknown {
    switch (e.k) {
      case 'str':
        return e.v;
      case 'num':
        return e.v;
      case 'call': {
        // lambda() keeps its body unevaluated: the function it is passed to calls it per item.
        if (e.name.toLowerCase() === 'lambda') return makeLambda(e.args.slice(0, -1).map((a) => this.evalExpr(a)), e.args[e.args.length - 1]);
        return callFunction(e.name, e.args.map((a) => this.evalExpr(a)), this);
      }
      case 'prop':
      case 'index': {
        const obj = this.evalExpr(e.obj);
        const key = e.k === 'prop' ? e.name : this.evalExpr(e.index);
        if (obj === DEFERRED || key === DEFERRED) return DEFERRED;
        return member(obj, key);
      }
    }
  }

  parameter(name: string): unknown {
    return this.resolveParameter(name).value;
  }

  resolveParameter(name: string): ResolvedParameter {
    const decls = (this.template.parameters ?? {}) as Record<string, unknown>;
    const key = Object.keys(decls).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key === undefined) throw new TemplateError(`The template parameter '${name}' is not found. Please see https://aka.ms/arm-syntax-parameters for usage details`);
    const done = this.params.get(key);
    if (done) return done;
    if (this.resolving.has(`p:${key}`)) throw new TemplateError(`The template parameter '${key}' refers to itself through its default value`);
    this.resolving.add(`p:${key}`);
    try {
      const decl = decls[key];
      if (!isObject(decl) || typeof decl.type !== 'string' || !TYPES.includes(decl.type.toLowerCase())) {
        throw new TemplateError(`The template parameter '${key}' has no valid 'type'. Allowed types are: ${TYPES.join(', ')}`);
      }
      const type = decl.type.toLowerCase();
      const suppliedKey = Object.keys(this.supplied).find((k) => k.toLowerCase() === key.toLowerCase());
      let value: unknown;
      if (suppliedKey !== undefined) {
        const s = this.supplied[suppliedKey];
        if (isObject(s) && 'reference' in s) {
          throw new ArmError(400, 'InvalidTemplate', `Deployment template validation failed: 'The parameter '${key}' uses a Key Vault reference, which the local ARM simulator does not support; pass the value instead.'.`);
        }
        if (!isObject(s) || !('value' in s)) {
          throw new ArmError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: 'The deployment parameter '${key}' must be an object with a 'value' property.'.`);
        }
        value = s.value;
      } else if ('defaultValue' in decl) {
        const was = this.inParameterDefault;
        this.inParameterDefault = true;
        try {
          value = this.value(decl.defaultValue);
        } finally {
          this.inParameterDefault = was;
        }
      } else {
        throw new TemplateError(`The value for the template parameter '${key}' is not provided. Please see https://aka.ms/resource-manager-parameter-files for usage details`);
      }
      checkParameter(key, type, decl, value);
      const resolved = { type: decl.type, value, secure: isSecureType(type) };
      this.params.set(key, resolved);
      return resolved;
    } finally {
      this.resolving.delete(`p:${key}`);
    }
  }

  variable(name: string): unknown {
    const decls = (this.template.variables ?? {}) as Record<string, unknown>;
    const key = Object.keys(decls).find((k) => k.toLowerCase() === name.toLowerCase() && k.toLowerCase() !== 'copy');
    const copyKey = Object.keys(decls).find((k) => k.toLowerCase() === 'copy');
    const copied = copyKey !== undefined && isPropertyCopy(decls[copyKey]) ? decls[copyKey].find((c) => c.name.toLowerCase() === name.toLowerCase()) : undefined;
    if (key === undefined && copied) return this.copiedVariable(copied);
    if (key === undefined) throw new TemplateError(`The template variable '${name}' is not found. Please see https://aka.ms/arm-functions for usage details`);
    if (this.vars.has(key)) return this.vars.get(key);
    if (this.resolving.has(`v:${key}`)) throw new TemplateError(`The template variable '${key}' refers to itself`);
    this.resolving.add(`v:${key}`);
    const saved = this.referenceFn;
    // ARM forbids reference() in variables: its value must be known before any resource exists.
    this.referenceFn = () => {
      throw new TemplateError(`The template variable '${key}' is not valid: the template function 'reference' is not expected at this location`);
    };
    try {
      const v = this.value(decls[key]);
      this.vars.set(key, v);
      return v;
    } finally {
      this.referenceFn = saved;
      this.resolving.delete(`v:${key}`);
    }
  }

  /** A variable made by the variables section's `copy` array: an array of `count` evaluated inputs. */
  private copiedVariable(c: PropertyCopy): unknown {
    const key = `copy:${c.name}`;
    if (this.vars.has(key)) return this.vars.get(key);
    if (this.resolving.has(`v:${key}`)) throw new TemplateError(`The template variable '${c.name}' refers to itself`);
    this.resolving.add(`v:${key}`);
    try {
      const v = this.loop(c.name, 'variable', c.count, () => this.value(c.input));
      this.vars.set(key, v);
      return v;
    } finally {
      this.resolving.delete(`v:${key}`);
    }
  }

  resourceGroup(): unknown {
    return resourceGroupValue(this.ctx);
  }

  subscription(): unknown {
    return subscriptionValue(this.ctx);
  }

  deployment(): unknown {
    return deploymentValue(this.ctx, this.template);
  }

  tenant(): unknown {
    return tenantValue(this.ctx);
  }

  managementGroup(): unknown {
    return managementGroupValue(this.ctx);
  }

  resourceId(subscription: string | undefined, resourceGroup: string | undefined, type: string, names: string[]): string {
    return resourceIdIn(this.ctx.scope, subscription, resourceGroup, type, names);
  }

  reference(target: string, full: boolean): unknown {
    return this.referenceFn(target, full);
  }
}

function member(obj: unknown, key: unknown): unknown {
  if (Array.isArray(obj)) {
    if (typeof key !== 'number' || key < 0 || key >= obj.length) {
      throw new TemplateError(`The language expression property array index '${String(key)}' is out of bounds`);
    }
    return obj[key];
  }
  if (isObject(obj)) {
    const k = Object.keys(obj).find((x) => x.toLowerCase() === String(key).toLowerCase());
    if (k === undefined) {
      throw new TemplateError(`The language expression property '${String(key)}' doesn't exist, available properties are '${Object.keys(obj).join(', ')}'`);
    }
    return obj[k];
  }
  throw new TemplateError(`The language expression property '${String(key)}' can't be evaluated, property name must be a string`);
}

export { evaluateOutputs } from './outputs.js';
