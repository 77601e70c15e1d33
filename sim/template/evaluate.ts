import { ArmError, TemplateError } from '../errors.js';
import { resourceIdFor, scopeId, type Scope } from '../ids.js';
import { isSecureType } from '../format.js';
import { classify, parseExpression, type Expr } from './expressions.js';
import { callFunction, DEFERRED, typeName, type FunctionEnv } from './functions.js';

export interface TemplateContext {
  scope: Scope;
  deploymentName: string;
  deploymentLocation?: string;
  resourceGroup?: { name: string; location: string; tags?: Record<string, string> };
  tenantId: string;
  mode: string;
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
  /** The template's resource object, evaluated again at deployment time with real `reference()` values. */
  raw: Record<string, unknown>;
  /** Ids of resources in this template it waits for: explicit dependsOn plus implicit `reference()`. */
  dependsOn: string[];
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
}

/** `reference(target)` resolver: real values at deployment, DEFERRED in preflight. */
export type ReferenceFn = (target: string, full: boolean) => unknown;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const TYPES = ['string', 'securestring', 'int', 'bool', 'object', 'secureobject', 'array'];

export class Evaluator implements FunctionEnv {
  private readonly template: Record<string, unknown>;
  private readonly supplied: Record<string, unknown>;
  private readonly ctx: TemplateContext;
  private readonly params = new Map<string, ResolvedParameter>();
  private readonly vars = new Map<string, unknown>();
  private readonly resolving = new Set<string>();
  private readonly cache = new Map<string, Expr>();
  referenceFn: ReferenceFn = () => DEFERRED;

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
      for (const [k, v] of Object.entries(raw)) out[k] = this.value(v);
      return out;
    }
    return raw;
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
      case 'call':
        return callFunction(e.name, e.args.map((a) => this.evalExpr(a)), this);
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
        value = this.value(decl.defaultValue);
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
    const key = Object.keys(decls).find((k) => k.toLowerCase() === name.toLowerCase());
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

  resourceGroup(): unknown {
    const rg = this.ctx.resourceGroup;
    if (this.ctx.scope.kind !== 'resourceGroup' || !rg) {
      throw new TemplateError(`The template function 'RESOURCEGROUP' is not expected at this location. Please see https://aka.ms/arm-functions for usage details`);
    }
    return {
      id: scopeId(this.ctx.scope),
      name: rg.name,
      type: 'Microsoft.Resources/resourceGroups',
      location: rg.location,
      tags: rg.tags ?? {},
      properties: { provisioningState: 'Succeeded' },
    };
  }

  subscription(): unknown {
    const s = this.ctx.scope;
    if (s.kind !== 'subscription' && s.kind !== 'resourceGroup') {
      throw new TemplateError(`The template function 'SUBSCRIPTION' is not expected at this location. Please see https://aka.ms/arm-functions for usage details`);
    }
    return { id: `/subscriptions/${s.subscription}`, subscriptionId: s.subscription, tenantId: this.ctx.tenantId, displayName: 'Simulated subscription' };
  }

  deployment(): unknown {
    return {
      name: this.ctx.deploymentName,
      location: this.ctx.deploymentLocation,
      properties: { mode: this.ctx.mode, provisioningState: 'Accepted', template: { contentVersion: this.template.contentVersion ?? '1.0.0.0' } },
    };
  }

  resourceId(subscription: string | undefined, resourceGroup: string | undefined, type: string, names: string[]): string {
    const s = this.ctx.scope;
    const sub = subscription ?? (s.kind === 'subscription' || s.kind === 'resourceGroup' ? s.subscription : undefined);
    const rg = resourceGroup ?? (s.kind === 'resourceGroup' && subscription === undefined ? s.resourceGroup : undefined);
    let prefix: string;
    if (sub && rg) prefix = `/subscriptions/${sub}/resourceGroups/${rg}`;
    else if (sub) prefix = `/subscriptions/${sub}`;
    else prefix = '';
    return resourceIdFor(prefix, type, names.join('/'));
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

function checkParameter(name: string, type: string, decl: Record<string, unknown>, value: unknown): void {
  const ok =
    type === 'string' || type === 'securestring'
      ? typeof value === 'string'
      : type === 'int'
        ? Number.isInteger(value)
        : type === 'bool'
          ? typeof value === 'boolean'
          : type === 'array'
            ? Array.isArray(value)
            : isObject(value);
  if (!ok) {
    const expected: Record<string, string> = { string: 'String, Uri', securestring: 'String, Uri', int: 'Integer', bool: 'Boolean', array: 'Array', object: 'Object', secureobject: 'Object' };
    throw new TemplateError(`Template parameter JToken type is not valid. Expected '${expected[type]}'. Actual '${typeName(value)}'. Please see https://aka.ms/resource-manager-parameter-files for usage details`);
  }
  if (Array.isArray(decl.allowedValues)) {
    const allowed = decl.allowedValues;
    const inList = (v: unknown): boolean => allowed.some((a) => JSON.stringify(a) === JSON.stringify(v));
    const good = Array.isArray(value) && !Array.isArray(allowed[0]) ? value.every(inList) : inList(value);
    if (!good) {
      const shown = isSecureType(type) ? '' : ` The value '${typeof value === 'string' ? value : JSON.stringify(value)}' is not part of the allowed value(s): '${allowed.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(',')}'.`;
      throw new TemplateError(`The provided value for the template parameter '${name}' is not valid.${shown}`);
    }
  }
  const len = typeof value === 'string' || Array.isArray(value) ? value.length : undefined;
  if (len !== undefined && typeof decl.minLength === 'number' && len < decl.minLength) {
    throw new TemplateError(`The provided value for the template parameter '${name}' is not valid. Length of the value should be greater than or equal to '${decl.minLength}'`);
  }
  if (len !== undefined && typeof decl.maxLength === 'number' && len > decl.maxLength) {
    throw new TemplateError(`The provided value for the template parameter '${name}' is not valid. Length of the value should be less than or equal to '${decl.maxLength}'`);
  }
  if (typeof value === 'number' && typeof decl.minValue === 'number' && value < decl.minValue) {
    throw new TemplateError(`The provided value for the template parameter '${name}' is not valid. The value should be greater than or equal to '${decl.minValue}'`);
  }
  if (typeof value === 'number' && typeof decl.maxValue === 'number' && value > decl.maxValue) {
    throw new TemplateError(`The provided value for the template parameter '${name}' is not valid. The value should be less than or equal to '${decl.maxValue}'`);
  }
}

function resourceScopePrefix(scope: Scope): string {
  return scopeId(scope);
}

/**
 * Validates a template the way ARM's preflight does and lays out its resources in deployment order. Throws a 400
 * `InvalidTemplate` for anything ARM would reject before deploying, including functions the simulator lacks.
 */
export function planTemplate(template: unknown, supplied: Record<string, unknown>, ctx: TemplateContext): TemplatePlan {
  if (!isObject(template)) throw new TemplateError('The template must be a JSON object');
  for (const unsupported of ['functions', 'languageVersion'] as const) {
    const v = template[unsupported];
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) {
      throw new TemplateError(`The template property '${unsupported}' is not supported by the local ARM simulator`);
    }
  }
  if (!Array.isArray(template.resources)) {
    throw new TemplateError(`Required property 'resources' not found in JSON, or it is not an array`);
  }
  if (template.parameters !== undefined && !isObject(template.parameters)) throw new TemplateError(`The template property 'parameters' must be an object`);
  if (template.variables !== undefined && !isObject(template.variables)) throw new TemplateError(`The template property 'variables' must be an object`);
  if (template.outputs !== undefined && !isObject(template.outputs)) throw new TemplateError(`The template property 'outputs' must be an object`);

  const declared = Object.keys((template.parameters ?? {}) as object);
  const extra = Object.keys(supplied).filter((k) => !declared.some((d) => d.toLowerCase() === k.toLowerCase()));
  if (extra.length > 0) {
    throw new TemplateError(
      `The template parameters '${extra.join(', ')}' in the parameters file are not valid; they are not present in the original template and can therefore not be provided at deployment time. The only supported parameters for this template are '${declared.join(', ')}'. Please see https://aka.ms/arm-pass-parameter-values for usage details`,
    );
  }
  const ev = new Evaluator(template, supplied, ctx);
  const parameters: Record<string, ResolvedParameter> = {};
  for (const name of declared) parameters[name] = ev.resolveParameter(name);
  for (const name of Object.keys((template.variables ?? {}) as object)) {
    if (name.toLowerCase() === 'copy') throw new TemplateError(`Variable 'copy' loops are not supported by the local ARM simulator`);
    ev.variable(name);
  }

  const prefix = resourceScopePrefix(ctx.scope);
  const planned: (PlannedResource & { refs: string[]; rawDeps: unknown[] })[] = [];
  for (const [i, r] of (template.resources as unknown[]).entries()) {
    if (!isObject(r)) throw new TemplateError(`The template resource at index '${i}' must be an object`);
    for (const unsupported of ['copy', 'resources', 'scope'] as const) {
      if (r[unsupported] !== undefined) {
        throw new TemplateError(`The template resource at index '${i}' uses '${unsupported}', which the local ARM simulator does not support`);
      }
    }
    if ('condition' in r && ev.value(r.condition) === false) continue;
    const type = ev.value(r.type);
    const name = ev.value(r.name);
    const apiVersion = ev.value(r.apiVersion);
    if (typeof type !== 'string' || typeof name !== 'string' || !type.includes('/')) {
      throw new TemplateError(`The template resource at index '${i}' must have a string 'name' and a 'type' like 'Microsoft.Web/sites'`);
    }
    if (typeof apiVersion !== 'string') throw new TemplateError(`The template resource '${name}' of type '${type}' at line '1' has no 'apiVersion'`);
    if (type.toLowerCase() === 'microsoft.resources/deployments') {
      throw new TemplateError(`The template resource '${name}' is a nested deployment (Microsoft.Resources/deployments), which the local ARM simulator does not support`);
    }
    const refs: string[] = [];
    ev.referenceFn = (target) => {
      refs.push(target);
      return DEFERRED;
    };
    const location = r.location === undefined ? undefined : ev.value(r.location);
    const tags = r.tags === undefined ? undefined : ev.value(r.tags);
    const properties = r.properties === undefined ? {} : ev.value(r.properties);
    ev.referenceFn = () => DEFERRED;
    const rawDeps = Array.isArray(r.dependsOn) ? r.dependsOn.map((d) => ev.value(d)) : [];
    const rgScoped = type.toLowerCase() === 'microsoft.resources/resourcegroups';
    planned.push({
      type,
      name,
      id: resourceIdFor(rgScoped && ctx.scope.kind === 'subscription' ? `/subscriptions/${ctx.scope.subscription}` : prefix, type, name),
      apiVersion,
      location: typeof location === 'string' ? location : undefined,
      tags: isObject(tags) ? (tags as Record<string, string>) : undefined,
      properties: isObject(properties) ? properties : {},
      raw: r,
      dependsOn: [],
      refs,
      rawDeps,
    });
  }
  const seen = new Set<string>();
  for (const p of planned) {
    if (seen.has(p.id.toLowerCase())) throw new TemplateError(`The resource '${p.id}' is defined multiple times in a template. Please see https://aka.ms/arm-syntax-resources for usage details`);
    seen.add(p.id.toLowerCase());
  }
  const find = (target: string): PlannedResource | undefined => findResource(planned, target);
  for (const p of planned) {
    const deps = new Set<string>();
    for (const d of p.rawDeps) {
      const hit = typeof d === 'string' ? find(d) : undefined;
      if (!hit) throw new TemplateError(`The resource '${String(d)}' is not defined in the template. Please see https://aka.ms/arm-syntax for usage details`);
      deps.add(hit.id);
    }
    for (const ref of p.refs) {
      const hit = find(ref);
      if (hit && hit !== p) deps.add(hit.id);
    }
    p.dependsOn = [...deps];
  }
  const ordered = topoSort(planned);
  // Outputs too are checked before deploying (unknown variables, unsupported functions); reference() stays deferred.
  evaluateOutputs(template, ev, false);
  return {
    parameters,
    resources: ordered.map(({ refs: _r, rawDeps: _d, ...rest }) => rest),
    evaluator: ev,
  };
}

/** Finds a template resource by resource id or by name, the two ways `reference()` and `dependsOn` name one. */
export function findResource<T extends { id: string; name: string; type: string }>(list: T[], target: string): T | undefined {
  const t = target.toLowerCase();
  if (t.startsWith('/')) return list.find((r) => r.id.toLowerCase() === t);
  // `Microsoft.Web/sites/name` is also accepted by dependsOn.
  return list.find((r) => r.name.toLowerCase() === t || `${r.type}/${r.name}`.toLowerCase() === t);
}

function topoSort<T extends { id: string; dependsOn: string[] }>(list: T[]): T[] {
  const byId = new Map(list.map((r) => [r.id, r]));
  const out: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (r: T, path: string[]): void => {
    const s = state.get(r.id);
    if (s === 'done') return;
    if (s === 'visiting') {
      throw new TemplateError(`Circular dependency detected on resource: '${[...path, r.id].join("' -> '")}'. Please see https://aka.ms/arm-template/#resources for usage details`);
    }
    state.set(r.id, 'visiting');
    for (const d of r.dependsOn) visit(byId.get(d)!, [...path, r.id]);
    state.set(r.id, 'done');
    out.push(r);
  };
  for (const r of list) visit(r, []);
  return out;
}

/** Outputs as ARM returns them: `{name: {type, value}}`; secure outputs keep their type and lose their value. */
export function evaluateOutputs(template: Record<string, unknown>, ev: Evaluator, reveal: boolean): Record<string, { type: string; value?: unknown }> {
  const outs = (template.outputs ?? {}) as Record<string, unknown>;
  const result: Record<string, { type: string; value?: unknown }> = {};
  for (const [name, decl] of Object.entries(outs)) {
    if (!isObject(decl) || typeof decl.type !== 'string') throw new TemplateError(`The template output '${name}' has no valid 'type'`);
    if (decl.copy !== undefined) throw new TemplateError(`The template output '${name}' uses 'copy', which the local ARM simulator does not support`);
    if ('condition' in decl && ev.value(decl.condition) === false) continue;
    const type = armOutputType(decl.type);
    const value = ev.value(decl.value);
    result[name] = isSecureType(decl.type) && !reveal ? { type } : { type, value };
  }
  return result;
}

function armOutputType(t: string): string {
  const m: Record<string, string> = { string: 'String', securestring: 'SecureString', int: 'Int', bool: 'Bool', object: 'Object', secureobject: 'SecureObject', array: 'Array' };
  return m[t.toLowerCase()] ?? t;
}
