/** A template laid out for deployment: ARM's preflight checks and the resources in dependency order. */
import { TemplateError } from '../errors.js';
import { resourceIdFor, scopeId, type Scope } from '../ids.js';
import { evaluateOutputs, Evaluator, isObject, type PlannedResource, type ResolvedParameter, type TemplateContext, type TemplatePlan } from './evaluate.js';
import { DEFERRED } from './functions.js';
import { expandCopies } from './copy.js';

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
  for (const [i, r] of expandCopies(template.resources as unknown[], (raw) => ev.value(raw)).entries()) {
    if (!isObject(r)) throw new TemplateError(`The template resource at index '${i}' must be an object`);
    for (const unsupported of ['resources', 'scope'] as const) {
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
