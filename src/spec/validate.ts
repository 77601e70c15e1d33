import type { z } from 'zod';
import { DURATION_HINT } from '../time/duration.js';
import { failoverKnownKeys } from './failover-schema.js';
import { didYouMean, type SpecProblem } from './problems.js';
import { KNOWN_KEYS, NAME_PATTERNS, specSchema, type RawSpec } from './schema.js';
import type { PathKey, SpecSource } from './source.js';

/** Schema validation of the parsed YAML; every zod issue becomes a problem at the line of the offending key. */
export function validateShape(source: SpecSource): { spec?: RawSpec; problems: SpecProblem[] } {
  if (source.data === undefined || source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) {
    if (source.problems.length > 0) return { problems: [] };
    return { problems: [source.problem([], 'the spec must be a YAML mapping with name, subscription, regions, components and stages')] };
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
        source.problem([...path, key], `unknown key "${key}"`, didYouMean(key, knownKeysAt(path)) ?? `allowed here: ${knownKeysAt(path).join(', ')}`, true),
      );
    case 'invalid_type':
      if (value === undefined) return [source.problem(path, `"${String(path[path.length - 1])}" is required`, requiredHint(path), true)];
      return [source.problem(path, `must be ${article(issue.expected)}, not ${describe(value)}`)];
    case 'invalid_union':
      if (isDurationIssue(issue)) return [source.problem(path, `${JSON.stringify(value)} is not a duration`, DURATION_HINT)];
      return [source.problem(path, `has an unexpected value ${JSON.stringify(value)}`)];
    case 'invalid_value':
      return [source.problem(path, `${JSON.stringify(value)} is not allowed`, `use one of: ${issue.values.map(String).join(', ')}`)];
    case 'invalid_key':
      return [source.problem(path, `"${String(path[path.length - 1])}" is not a valid name here`, keyHint(path), true)];
    case 'invalid_format':
      return [source.problem(path, `${JSON.stringify(value)} ${issue.message}`, formatHint(path))];
    case 'too_small':
      return [source.problem(path, issue.message.startsWith('Too small') ? `is too small (${issue.message})` : issue.message)];
    default:
      return [source.problem(path, issue.message)];
  }
}

function knownKeysAt(path: readonly PathKey[]): readonly string[] {
  const [top, , third, fourth] = path;
  if (path.length === 0) return KNOWN_KEYS.root;
  if (top === 'components') {
    if (path.length === 2) return KNOWN_KEYS.component;
    if (third === 'health' && path.length === 3) return KNOWN_KEYS.health;
    if (third === 'health' && fourth === 'expect') return KNOWN_KEYS.expect;
  }
  if (top === 'stages') return KNOWN_KEYS.stage;
  if (top === 'modes') {
    if (path.length === 2) return KNOWN_KEYS.overlay;
    if (third === 'health') return KNOWN_KEYS.timing;
    if (third === 'stages') return ['bake', 'maxParallel'];
  }
  if (top === 'rollback') return KNOWN_KEYS.rollback;
  if (top === 'failover') return failoverKnownKeys(path);
  return [];
}

function isDurationIssue(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'invalid_union' && issue.errors.some((branch) => branch.some((i) => i.message === 'is not a duration'));
}

function requiredHint(path: readonly PathKey[]): string | undefined {
  const key = path[path.length - 1];
  if (key === 'template') return 'give the repository-relative path of the ARM template, e.g. infra/app.json';
  if (key === 'subscription') return 'e.g. subscription: "{env.AZURE_SUBSCRIPTION_ID}"';
  if (key === 'regions' && path.length === 1) return 'e.g. regions: { eastus: { short: eus } }';
  return undefined;
}

function keyHint(path: readonly PathKey[]): string | undefined {
  if (path[0] === 'regions') return `Azure location names are lower case letters and digits, e.g. eastus (${NAME_PATTERNS.region})`;
  if (path[0] === 'components') return `start with a letter, then letters, digits, - or _ (${NAME_PATTERNS.component})`;
  if (path[0] === 'modes') return `lower case, e.g. hotfix (${NAME_PATTERNS.mode})`;
  return undefined;
}

function formatHint(path: readonly PathKey[]): string | undefined {
  const key = path[path.length - 1];
  if (path[0] === 'name') return `letters, digits, ., _ and -, at most 40 characters (${NAME_PATTERNS.rollout})`;
  if (key === 'name' && path[0] === 'stages') return `stage names become job ids: a letter or _ first, then letters, digits, - or _`;
  if (key === 'environment') return 'letters, digits, space, ., _ and -, at most 255 characters; no : or /';
  return undefined;
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
