import { parseDuration } from '../time/duration.js';
import { asRecord } from './checks.js';
import { parametersShape, requestTooLarge, templateShape, unknownOutputs } from './arm-files.js';
import type { FileProblem } from './files.js';
import { interpolate, type InterpolationScope } from './interpolate.js';
import type { SpecProblem } from './problems.js';
import { checkOutputRefs } from './output-refs.js';
import { componentSchema } from './schema.js';
import { resolveStack, STACK_SCOPES } from './stack-schema.js';
import { formatPath, type PathKey } from './source.js';
import type { LenientComponent, StampContext } from './stamp-context.js';
import { resolveHealth } from './stamp-health.js';
import { checkParameters, collectParameters } from './stamp-parameters.js';
import type { ResolvedStamp } from './types.js';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const RESOURCE_GROUP = /^[-\w._()]{1,90}$/;
const DEPLOYMENT_NAME = /^[-\w._()]{1,64}$/;
/** ARM's management group ids: up to 90 letters, digits, -, _, ( ) and ., not ending in a period. */
const MANAGEMENT_GROUP = /^[-\w._()]{1,90}$/;
const LOCATION = /^[a-z][a-z0-9]{1,39}$/;

/**
 * Expands each component into its stamps (one per region, or one global), interpolating every value for that
 * region and checking the result against what ARM will accept, and against the template's own parameters.
 */
export function resolveStamps(ctx: StampContext, components: Record<string, unknown>): ResolvedStamp[] {
  const stamps: Array<ResolvedStamp & { placedByRequires?: boolean }> = [];
  for (const [name, raw] of Object.entries(components)) {
    const component = lenientComponent(raw);
    if (!component) continue; // not even a mapping: the schema pass reported why
    const regions = component.perRegion ? [...ctx.stageOf.keys()] : [undefined];
    for (const region of regions) {
      const stamp = resolveStamp(ctx, name, component, region);
      if (stamp) stamps.push(stamp);
    }
  }
  placeGlobals(ctx, stamps);
  checkRequiresOrder(ctx, stamps);
  checkOutputRefs(ctx.source, stamps, ctx.problems);
  return stamps.map(({ placedByRequires: _placed, ...stamp }) => stamp);
}

/** The component as far as the schema accepts it (stamp-context.ts says why). */
function lenientComponent(raw: unknown): LenientComponent | undefined {
  const parsed = componentSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const record = asRecord(raw);
  if (!record) return undefined;
  const refused = new Set<string>();
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0) issue.keys.forEach((k) => refused.add(k));
    else if (typeof issue.path[0] === 'string') refused.add(issue.path[0]);
  }
  const kept = Object.fromEntries(Object.entries(record).filter(([key]) => !refused.has(key)));
  // A perRegion that is not a boolean (`perRegion: yes`): guess the reading that adds no knock-on problems.
  if (refused.has('perRegion')) kept.perRegion = record.location === undefined;
  const again = componentSchema.partial({ template: true }).safeParse(kept);
  return again.success ? again.data : undefined;
}

/**
 * A global stamp without `stage:` goes in the first stage, or later when it requires stamps of later stages: in the
 * stage where the last of them is deployed (the Front Door after every region's app).
 */
function placeGlobals(ctx: StampContext, stamps: Array<ResolvedStamp & { placedByRequires?: boolean }>): void {
  const byId = new Map(stamps.map((s) => [s.id, s]));
  for (let changed = true, rounds = 0; changed && rounds <= stamps.length; rounds++) {
    changed = false;
    for (const stamp of stamps) {
      if (!stamp.placedByRequires) continue;
      const latest = Math.max(ctx.stageNames.indexOf(stamp.stage), ...stamp.requires.map((r) => ctx.stageNames.indexOf(byId.get(r)?.stage ?? '')));
      if (latest > ctx.stageNames.indexOf(stamp.stage)) {
        stamp.stage = ctx.stageNames[latest];
        changed = true;
      }
    }
  }
}


function resolveStamp(ctx: StampContext, name: string, c: LenientComponent, region: string | undefined): (ResolvedStamp & { placedByRequires?: boolean }) | undefined {
  const at = (...rest: PathKey[]): PathKey[] => ['components', name, ...rest];
  const stampId = region === undefined ? name : `${name}@${region}`;
  const scope: InterpolationScope = {
    ...ctx.scope,
    component: name,
    region: region === undefined ? undefined : { name: region, attributes: ctx.regions.get(region) ?? {} },
  };
  const before = ctx.problems.length;
  // Values whose placeholders failed (reported already) are not checked again; resolved ones are, as ARM gets them.
  const failed = new Set<string>();
  const interpolated = new Set<string>();
  const text = (value: string, path: PathKey[], allowOutputs = false): string => {
    const result = interpolate(value, { ...scope, allowOutputs });
    for (const e of result.errors) ctx.problems.push(ctx.source.problem(path, e.message, e.hint));
    if (result.errors.length > 0) failed.add(formatPath(path));
    else if (result.value !== value) interpolated.add(formatPath(path));
    return result.value;
  };
  const invalid = (path: PathKey[], value: string, message: string, hint: string): void => {
    const key = `${formatPath(path)}|${value}`;
    const reported = (ctx.reported ??= new Set());
    if (reported.has(key)) return;
    reported.add(key);
    // A value made by interpolation names the stamp it was made for: the spec line alone holds no wrong text.
    const who = interpolated.has(formatPath(path)) ? `${stampId}: ` : '';
    ctx.problems.push(ctx.source.problem(path, `${who}${message}`, hint));
  };
  const check = (value: string, pattern: RegExp, path: PathKey[], what: string, hint: string): void => {
    if (failed.has(formatPath(path))) return;
    // Generating a workflow (and plan's drift check) reads the spec with `{env.NAME}` left as placeholders: such values
    // are checked when a job reads the spec with the real variables (as src/spec/failover.ts does).
    if (value.includes('{env.')) return;
    if (!pattern.test(value) || value.endsWith('.')) invalid(path, value, `${what} "${value}" is not valid for ARM`, hint);
  };

  const regionSubscription = region === undefined ? undefined : ctx.regions.get(region)?.subscription;
  const subscriptionPath: PathKey[] = regionSubscription !== undefined ? ['regions', region!, 'subscription'] : ['subscription'];
  const rawSubscription = regionSubscription ?? ctx.subscription;
  const subscription = text(String(rawSubscription ?? ''), subscriptionPath);
  if (rawSubscription !== undefined) check(subscription, GUID, subscriptionPath, 'subscription id', 'a subscription id is a GUID like 00000000-0000-0000-0000-000000000000; check the variable it comes from');
  const location = text(c.location ?? '{region}', at('location'));
  check(location, LOCATION, at('location'), 'location', 'an Azure location such as eastus');
  const scopeKind = c.scope ?? 'resourceGroup';
  const resourceGroup = c.resourceGroup === undefined ? undefined : text(c.resourceGroup, at('resourceGroup'));
  if (resourceGroup !== undefined) check(resourceGroup, RESOURCE_GROUP, at('resourceGroup'), 'resource group name', 'up to 90 letters, digits, -, _, ., ( and ), not ending in .');
  const managementGroup = c.managementGroup === undefined || scopeKind !== 'managementGroup' ? undefined : text(c.managementGroup, at('managementGroup'));
  if (managementGroup !== undefined) check(managementGroup, MANAGEMENT_GROUP, at('managementGroup'), 'management group id', 'up to 90 letters, digits, -, _, ( ) and ., not ending in .');
  const deploymentName = c.deploymentName === undefined ? undefined : text(c.deploymentName, at('deploymentName'));
  if (deploymentName !== undefined) check(deploymentName, DEPLOYMENT_NAME, at('deploymentName'), 'deployment name', 'ARM allows 1-64 letters, digits, -, _, ., ( and ); put the region in it');

  let template = c.template === undefined ? undefined : ctx.files.readJson(c.template, 'template');
  if (template && !template.ok) ctx.problems.push(...fileProblems(ctx, at('template'), template.problem));
  const notTemplate = template?.ok ? templateShape(c.template!, template.json) : undefined;
  if (notTemplate) {
    ctx.problems.push(fileProblem(ctx, at('template'), notTemplate));
    template = undefined; // its "parameters" are not the template's: checking them against it would only mislead
  }
  let parametersFile = c.parametersFile === undefined ? undefined : ctx.files.readJson(c.parametersFile, 'parameters file');
  if (parametersFile && !parametersFile.ok) ctx.problems.push(...fileProblems(ctx, at('parametersFile'), parametersFile.problem));
  if (parametersFile?.ok) {
    const shape = parametersShape(ctx.files, parametersFile.repoPath, c.parametersFile!, parametersFile.json);
    for (const p of shape) ctx.problems.push(fileProblem(ctx, at('parametersFile'), p));
    if (shape.length > 0) parametersFile = undefined;
  }
  if (template?.ok && c.health) {
    const texts: [string, PathKey[]][] = [
      ...(c.health.url !== undefined ? [[c.health.url, at('health', 'url')] as [string, PathKey[]]] : []),
      ...(c.health.command ?? []).map((arg, i) => [arg, at('health', 'command', i)] as [string, PathKey[]]),
      ...Object.entries(c.health.headers ?? {}).map(([k, v]) => [v, at('health', 'headers', k)] as [string, PathKey[]]),
    ];
    for (const [value, path] of texts) {
      for (const p of unknownOutputs(value, template.json, c.template!)) ctx.problems.push(ctx.source.problem(path, p.message, p.hint));
    }
  }

  const declared = template?.ok ? asRecord(template.json.parameters) ?? {} : {};
  const parameters = collectParameters(ctx, name, c, parametersFile?.ok ? parametersFile.json : undefined, declared, text);
  // A parameters file that failed to read was reported; its values' absence is no second problem.
  if (template?.ok && (parametersFile === undefined || parametersFile.ok)) checkParameters(ctx, name, c, declared, parameters, (path) => failed.has(formatPath(path)) || [...failed].some((f) => f.startsWith(`${formatPath(path)}.`) || f.startsWith(`${formatPath(path)}[`)), invalid);
  const health = c.health ? resolveHealth(ctx, name, c.health, text, { failed, invalid }) : undefined;

  if (template?.ok && ctx.problems.length === before) {
    const size = requestTooLarge(template.json, parameters);
    if (size) ctx.problems.push(ctx.source.problem(at('template'), `${stampId}: the deployment request would be ${size}; ARM accepts at most 4 MB`, 'move large values out of the template (linked templates, a storage account, or Key Vault references), or split the component'));
  }
  if (c.stack && !STACK_SCOPES.includes(scopeKind)) ctx.problems.push(ctx.source.problem(at('stack'), `${stampId}: a deployment stack deploys at resourceGroup or subscription scope, not ${scopeKind}`, 'remove stack: from this component, or deploy it at resourceGroup or subscription scope'));
  const stack = c.stack ? resolveStack(c.stack, (value, i) => text(value, at('stack', 'excludedPrincipals', i))) : undefined;
  if (ctx.problems.length > before || !template?.ok) return undefined;
  // A per-region requirement is the same region's stamp; for a global stamp it is every region's, in stage order.
  const requires = (c.requires ?? []).flatMap((req) =>
    !isPerRegion(ctx, req) ? [req] : region !== undefined ? [`${req}@${region}`] : [...ctx.stageOf.keys()].map((r) => `${req}@${r}`),
  );
  return {
    id: region === undefined ? name : `${name}@${region}`,
    component: name,
    region: region ?? location,
    global: region === undefined,
    stage: region === undefined ? c.stage ?? ctx.stageNames[0] : ctx.stageOf.get(region)!,
    ...(region === undefined && c.stage === undefined ? { placedByRequires: true } : {}),
    scope: scopeKind,
    subscription,
    resourceGroup,
    ...(managementGroup !== undefined ? { managementGroup } : {}),
    location,
    deploymentName,
    template: { path: template.repoPath, content: template.json },
    parametersFile: parametersFile?.ok ? parametersFile.repoPath : undefined,
    parameters,
    requires,
    policy: c.deploy ?? 'onChange',
    health,
    ...(c.deploymentTimeout !== undefined ? { deploymentTimeoutMs: parseDuration(String(c.deploymentTimeout)) } : {}),
    ...(stack ? { stack } : {}),
  };
}

/** A stamp may only require stamps of its own or an earlier stage. */
function checkRequiresOrder(ctx: StampContext, stamps: ResolvedStamp[]): void {
  const stageIndex = new Map(stamps.map((s) => [s.id, ctx.stageNames.indexOf(s.stage)]));
  const stageOfStamp = new Map(stamps.map((s) => [s.id, s.stage]));
  for (const stamp of stamps) {
    for (const req of stamp.requires) {
      if ((stageIndex.get(req) ?? -1) > stageIndex.get(stamp.id)!) {
        ctx.problems.push(ctx.source.problem(['components', stamp.component, 'requires'], `${stamp.id} (stage ${stamp.stage}) requires ${req}, which is deployed later, in stage ${stageOfStamp.get(req)}`, `set components.${req}.stage to ${stamp.stage} or earlier`, true));
      }
    }
  }
}

function isPerRegion(ctx: StampContext, component: string): boolean {
  return asRecord(asRecord(asRecord(ctx.source.data)?.components)?.[component])?.perRegion === true;
}

function fileProblem(ctx: StampContext, path: PathKey[], p: { at?: { file: string; line: number; col: number }; message: string; hint?: string }): SpecProblem {
  return p.at ? { ...p.at, message: p.message, hint: p.hint } : ctx.source.problem(path, p.message, p.hint);
}

/** A file's problem and the further ones it carries (every error of a Bicep compile), each at its own place. */
function fileProblems(ctx: StampContext, path: PathKey[], p: FileProblem): SpecProblem[] {
  return [p, ...(p.more ?? [])].map((one) => fileProblem(ctx, path, one));
}
