import type { HealthCheck } from '../plan/types.js';
import { parseDuration } from '../time/duration.js';
import { asArray, asRecord } from './checks.js';
import { parametersShape, requestTooLarge, templateShape, unknownOutputs } from './arm-files.js';
import type { FileProblem, SpecFiles } from './files.js';
import { interpolate, type InterpolationScope } from './interpolate.js';
import { didYouMean, type SpecProblem } from './problems.js';
import { stampMetric } from './release-units.js';
import { checkOutputRefs } from './output-refs.js';
import { componentSchema, type RawComponent, type RawOverlay } from './schema.js';
import { resolveStack, STACK_SCOPES } from './stack-schema.js';
import { formatPath, type PathKey, type SpecSource } from './source.js';
import type { ResolvedParameter, ResolvedStamp } from './types.js';

/**
 * Expands each component into its stamps (one per region, or one global), interpolating every value for that
 * region and checking the result against what ARM will accept, and against the template's own parameters.
 */
export interface StampContext {
  source: SpecSource;
  files: SpecFiles;
  scope: Omit<InterpolationScope, 'region' | 'component'>;
  overlay: RawOverlay | undefined;
  subscription: string | undefined;
  /** Region -> its attributes, in declaration order. */
  regions: Map<string, Record<string, string | number | boolean>>;
  /** Region -> stage name; stages in order. */
  stageOf: Map<string, string>;
  stageNames: string[];
  problems: SpecProblem[];
  secrets: Set<string>;
  /** `path|value` of resolved values already found invalid: one problem per distinct value, not one per region. */
  reported?: Set<string>;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const RESOURCE_GROUP = /^[-\w._()]{1,90}$/;
const DEPLOYMENT_NAME = /^[-\w._()]{1,64}$/;
/** ARM's management group ids: up to 90 letters, digits, -, _, ( ) and ., not ending in a period. */
const MANAGEMENT_GROUP = /^[-\w._()]{1,90}$/;
const LOCATION = /^[a-z][a-z0-9]{1,39}$/;

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

/**
 * The component with the keys the schema refused left out, so that one wrong key does not switch off the checks of
 * all the others (template, parameters, interpolation). The schema pass has reported the refused keys already.
 */
type LenientComponent = Omit<RawComponent, 'template'> & { template?: string };

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

function collectParameters(
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

function checkParameters(
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

function resolveHealth(
  ctx: StampContext,
  name: string,
  h: NonNullable<RawComponent['health']>,
  text: (value: string, path: PathKey[], allowOutputs?: boolean) => string,
  resolved: { failed: Set<string>; invalid: (path: PathKey[], value: string, message: string, hint: string) => void },
): HealthCheck | undefined {
  const at = (...rest: PathKey[]): PathKey[] => ['components', name, 'health', ...rest];
  const timing = { ...h, ...ctx.overlay?.health };
  const ms = (value: string | number | undefined, fallback: number): number => (value === undefined ? fallback : parseDuration(String(value)) ?? fallback);
  const url = h.url === undefined ? undefined : text(h.url, at('url'), true);
  if (url !== undefined && !resolved.failed.has(formatPath(at('url')))) {
    const problem = urlProblem(url);
    if (problem) resolved.invalid(at('url'), url, `health url "${url}" ${problem}`, 'write a URL like https://HOST:PORT/healthz, or start with {outputs.NAME} of an output that holds one');
  }
  const headers: Record<string, string> = {};
  for (const [header, value] of Object.entries(h.headers ?? {})) {
    const resolved = interpolate(value, { ...ctx.scope, allowOutputs: true });
    for (const e of resolved.errors) ctx.problems.push(ctx.source.problem(at('headers', header), e.message, e.hint));
    // Header values are kept as written; the probe resolves {env.X} at probe time, but the values are masked now.
    for (const envName of resolved.envUsed) if (ctx.scope.env[envName]) ctx.secrets.add(ctx.scope.env[envName]!);
    headers[header] = value;
  }
  for (const [i, pattern] of (h.expect?.body ?? []).entries()) {
    try {
      new RegExp(pattern);
    } catch (error) {
      ctx.problems.push(ctx.source.problem(at('expect', 'body', i), `is not a valid regular expression: ${(error as Error).message}`, regexHint(pattern)));
    }
  }
  const check: HealthCheck = {
    url,
    command: h.command?.map((arg, i) => text(arg, at('command', i), true)),
    ...(h.metric ? { metric: { ...stampMetric(ctx, h.metric, at('metric')), resource: text(h.metric.resource, at('metric', 'resource'), true) } } : {}),
    expect: {
      status: h.expect?.status ?? [200],
      body: h.expect?.body ?? [],
      bodyMatch: h.expect?.bodyMatch ?? 'all',
      maxLatencyMs: h.expect?.maxLatency === undefined ? undefined : ms(h.expect.maxLatency, 0),
    },
    headers,
    intervalMs: ms(timing.interval, 10_000),
    timeoutMs: ms(timing.timeout, 5_000),
    waitMs: ms(timing.wait, 0),
    withinMs: ms(timing.within, 300_000),
    healthyForMs: ms(timing.healthyFor, 60_000),
    ...(timing.watch !== undefined ? { watchMs: ms(timing.watch, 0) } : {}),
  };
  if (check.timeoutMs > check.intervalMs) {
    ctx.problems.push(ctx.source.problem(at(h.timeout !== undefined ? 'timeout' : 'interval'), `probe timeout (${check.timeoutMs} ms) is longer than its interval (${check.intervalMs} ms)`, 'make the timeout at most the interval'));
  }
  if (check.intervalMs === 0) ctx.problems.push(ctx.source.problem(at('interval'), 'the probe interval must be more than 0', 'e.g. interval: 10s'));
  return check;
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

/** What is wrong with a health URL as the probe will use it, or undefined; `{outputs.X}` stands for its value. */
function urlProblem(url: string): string | undefined {
  const probe = url.replace(/\{outputs\.[A-Za-z_][\w-]*\}/g, (_m, offset: number) => (offset === 0 ? 'https://output.invalid' : 'x'));
  if (!/^https?:\/\//i.test(probe)) return 'must start with http:// or https://';
  const port = /^https?:\/\/(?:[^/@]*@)?(?:\[[^\]]*\]|[^/:?#]*):(\d+)/i.exec(probe)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return `has port ${port}; ports are 1-65535`;
  try {
    new URL(probe);
  } catch {
    return 'is not a valid URL';
  }
  return undefined;
}

/** How to write a value of the type a template parameter wants. */
function typeHint(expected: string, value: unknown): string {
  if (typeof value === 'string' && expected === 'an integer' && /^-?\d+$/.test(value.trim())) return `write the number without quotes: ${value.trim()} (a {...} placeholder always gives a string)`;
  if (typeof value === 'string' && expected === 'true or false' && /^(true|false)$/i.test(value.trim())) return `write ${value.trim().toLowerCase()} without quotes`;
  const examples: Record<string, string> = { 'a string': 'name: "web-1"', 'an integer': 'count: 3', 'true or false': 'enabled: true', 'a list': 'zones: [1, 2]', 'a mapping': 'tags: { team: web }' };
  return `give ${expected}, e.g. ${examples[expected] ?? expected}`;
}

/** The likeliest fix for a body regex JavaScript refuses. */
function regexHint(pattern: string): string {
  if (/(^|[^\\])[([{]/.test(pattern) && !/\\[([{]/.test(pattern)) return 'escape a literal (, [ or { with a backslash: \\( \\[ \\{ (in YAML single quotes a backslash stays as written)';
  return 'write a JavaScript regular expression, e.g. \'"status":\\s*"ok"\'; escape literal brackets and parentheses with a backslash';
}
