import type { z } from 'zod';
import { DURATION_HINT } from '../time/duration.js';
import { durationHint } from '../time/duration-hint.js';
import { failoverKnownKeys } from './failover-schema.js';
import { didYouMean, type SpecProblem } from './problems.js';
import { releaseUnitKnownKeys, stampMetricCheckSchema } from './release-units-schema.js';
import { KNOWN_KEYS, NAME_PATTERNS, specSchema, type RawSpec } from './schema.js';
import type { PathKey, SpecSource } from './source.js';

/** Schema validation of the parsed YAML; every zod issue becomes a problem at the line of the offending key. */
export function validateShape(source: SpecSource): { spec?: RawSpec; problems: SpecProblem[] } {
  if (source.data === undefined || source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) {
    if (source.problems.length > 0) return { problems: [] };
    return { problems: [source.problem([], 'the spec must be a YAML mapping with name, subscription, regions, components and stages', 'start from examples/basic/rollout.yaml: name: ..., subscription: ..., regions: ..., components: ..., stages: ...')] };
  }
  const result = specSchema.safeParse(source.data);
  if (result.success) return { spec: result.data, problems: [] };
  return { problems: result.error.issues.flatMap((issue) => describeIssue(source, issue)) };
}

function describeIssue(source: SpecSource, issue: z.core.$ZodIssue): SpecProblem[] {
  const path = issue.path.filter((k): k is PathKey => typeof k !== 'symbol');
  const value = valueAt(source.data, path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) =>
        source.problem([...path, key], `unknown key "${key}"`, didYouMean(key, knownKeysAt(path)) ?? (knownKeysAt(path).length > 0 ? `allowed here: ${knownKeysAt(path).join(', ')}` : 'remove it'), true),
      );
    case 'invalid_type':
      if (value === undefined) return [source.problem(path, `"${String(path[path.length - 1])}" is required`, requiredHint(path), true)];
      return [source.problem(path, `must be ${article(issue.expected)}, not ${describe(value)}`, typeHint(issue.expected, value))];
    case 'invalid_union':
      if (isDurationIssue(issue) || typeof value === 'number') {
        // `bake: 90` is the commonest one: a number without its unit.
        const hint = typeof value === 'number' ? `add a unit: ${value}s, ${value}m or ${value}h` : typeof value === 'string' ? durationHint(value, DURATION_HINT) : DURATION_HINT;
        return [source.problem(path, `${JSON.stringify(value)} is not a duration`, hint)];
      }
      return [source.problem(path, `has an unexpected value ${JSON.stringify(value)}`, path[0] === 'regions' ? 'a region attribute is a string, a number or true/false' : 'see the schema (schema/rollout.schema.json) for what this key takes')];
    case 'invalid_value':
      return [source.problem(path, `${JSON.stringify(value)} is not allowed`, `use one of: ${issue.values.map(String).join(', ')}`)];
    case 'invalid_key':
      return [source.problem(path, `"${String(path[path.length - 1])}" is not a valid name here`, keyHint(path), true)];
    case 'invalid_format':
      // `bake: 2 hours`: the exact text to write, when the words say a duration the spec takes another way.
      if (issue.message === 'is not a duration' && typeof value === 'string') return [source.problem(path, `${JSON.stringify(value)} ${issue.message}`, durationHint(value, DURATION_HINT))];
      return [source.problem(path, `${JSON.stringify(value)} ${issue.message}`, formatHint(path))];
    case 'too_small':
    case 'too_big':
      return [source.problem(path, issue.message.startsWith('Too ') ? `${JSON.stringify(value)} is out of range (${issue.message})` : issue.message, rangeHint(path, issue))];
    case 'invalid_element':
      return [source.problem(path, issue.message, 'see the schema (schema/rollout.schema.json) for what this key takes')];
    default:
      return [source.problem(path, issue.message, 'see the schema (schema/rollout.schema.json) for what this key takes')];
  }
}

function knownKeysAt(path: readonly PathKey[]): readonly string[] {
  const [top, , third, fourth] = path;
  if (path.length === 0) return KNOWN_KEYS.root;
  if (top === 'components') {
    if (path.length === 2) return KNOWN_KEYS.component;
    if (third === 'health' && path.length === 3) return KNOWN_KEYS.health;
    if (third === 'health' && fourth === 'expect') return KNOWN_KEYS.expect;
    if (third === 'health' && fourth === 'metric') return Object.keys(stampMetricCheckSchema.shape);
    if (third === 'stack' && path.length === 3) return KNOWN_KEYS.stack;
  }
  if (top === 'stages') return KNOWN_KEYS.stage;
  if (top === 'modes') {
    if (path.length === 2) return KNOWN_KEYS.overlay;
    if (third === 'health') return KNOWN_KEYS.timing;
    if (third === 'stages') return ['bake', 'maxParallel'];
    if (third === 'traffic') return releaseUnitKnownKeys(path);
  }
  if (top === 'releaseUnits' || top === 'traffic' || top === 'teardown') return releaseUnitKnownKeys(path);
  if (top === 'rollback') return KNOWN_KEYS.rollback;
  if (top === 'failover') return failoverKnownKeys(path);
  return [];
}

function isDurationIssue(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'invalid_union' && issue.errors.some((branch) => branch.some((i) => i.message === 'is not a duration'));
}

function requiredHint(path: readonly PathKey[]): string {
  const key = path[path.length - 1];
  if (key === 'template') return 'give the repository-relative path of the ARM template, e.g. infra/app.json';
  if (key === 'subscription') return 'e.g. subscription: "{env.AZURE_SUBSCRIPTION_ID}"';
  if (key === 'regions' && path.length === 1) return 'e.g. regions: { eastus: { short: eus } }';
  if (key === 'regions') return 'e.g. regions: [eastus]';
  if (key === 'stages') return 'e.g. stages: [{ name: canary, regions: [eastus] }]';
  if (key === 'components') return 'e.g. components: { app: { perRegion: true, resourceGroup: "app-{region}", template: app.json } }';
  if (key === 'name' && path[0] === 'stages') return 'e.g. name: canary';
  if (key === 'name') return 'e.g. name: contoso-web (the service name, in deployment names and tags)';
  return `add ${String(key)}`;
}

function typeHint(expected: string, value: unknown): string {
  if (expected === 'boolean') return typeof value === 'string' && /^(yes|no|on|off|true|false)$/i.test(value) ? `write ${/^(yes|on|true)$/i.test(value) ? 'true' : 'false'}, without quotes` : 'write true or false';
  if (expected === 'number') return typeof value === 'string' && /^\d+$/.test(value) ? `write ${value} without quotes` : 'write a number, e.g. 2';
  if (expected === 'string') return 'write text; quote it if it looks like a number or true/false';
  if (expected === 'array') return `write a list, e.g. [${typeof value === 'string' ? value : 'a, b'}]`;
  if (expected === 'object' || expected === 'record') return 'write a mapping, e.g. { key: value }';
  return `write ${article(expected)}`;
}

function rangeHint(path: readonly PathKey[], issue: z.core.$ZodIssue): string {
  // The innermost key names the limit (stages[0].maxParallel is about maxParallel, not about the stages); an index
  // after it (status[0]) is the same list.
  const key = [...path].reverse().find((k) => typeof k === 'string');
  if (key === 'status') return 'HTTP status codes are 100-599, e.g. status: [200, 204]';
  if (key === 'maxParallel') return 'at least 1 (one region at a time)';
  if (key === 'regions') return 'name at least one region, e.g. regions: [eastus]';
  if (key === 'stages') return 'give at least one stage, e.g. stages: [{ name: canary, regions: [eastus] }]';
  if (key === 'command') return 'give the probe command as argv, e.g. command: [curl, -f, "{outputs.url}"]';
  if (key === 'steps') return 'give the weight steps, the last at 100, e.g. steps: [{ weight: 10, bake: 30m }, { weight: 100 }]';
  // Only releaseUnits.components has a minimum: the components map itself is checked for stamps elsewhere.
  if (key === 'components') return 'name the per-region components that form a unit, e.g. components: [app]';
  const limit = (issue as { minimum?: unknown; maximum?: unknown }).minimum ?? (issue as { maximum?: unknown }).maximum;
  return limit === undefined ? 'see the schema (schema/rollout.schema.json) for the allowed range' : `the limit is ${String(limit)}`;
}

function keyHint(path: readonly PathKey[]): string {
  if (path[0] === 'regions') return `Azure location names are lower case letters and digits, e.g. eastus (${NAME_PATTERNS.region})`;
  if (path[0] === 'components') return `start with a letter, then letters, digits, - or _ (${NAME_PATTERNS.component})`;
  if (path[0] === 'modes') return `lower case, e.g. hotfix (${NAME_PATTERNS.mode})`;
  return 'letters, digits, - and _';
}

function formatHint(path: readonly PathKey[]): string {
  const key = path[path.length - 1];
  if (path[0] === 'name') return `letters, digits, ., _ and -, at most 40 characters (${NAME_PATTERNS.rollout})`;
  if (key === 'name' && path[0] === 'stages') return `stage names become job ids: a letter or _ first, then letters, digits, - or _`;
  if (key === 'environment') return 'letters, digits, space, ., _ and -, at most 255 characters; no : or /';
  return 'see the schema (schema/rollout.schema.json) for the format';
}

export function valueAt(data: unknown, path: readonly PathKey[]): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key as string];
  }
  return node;
}

function describe(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value === 'string' ? 'the string' : `the ${typeof value}`} ${JSON.stringify(value)}`;
}

function article(expected: string): string {
  if (expected === 'object' || expected === 'record') return 'a mapping';
  if (expected === 'array') return 'a list';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
