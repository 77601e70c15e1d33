import { didYouMean } from './problems.js';

/**
 * `{...}` interpolation. Only `{name}` or `{name.attr}` with identifier characters is a placeholder, so regexes such
 * as `\d{3}` and JSON such as `{"a":1}` stay literal without escaping; `{{` and `}}` write a literal brace.
 * `${{ }}` is GitHub's syntax and is never touched here.
 */

export interface InterpolationScope {
  region?: { name: string; attributes: Record<string, string | number | boolean> };
  version: string;
  mode: string;
  rollout: string;
  component?: string;
  /** The release unit being deployed, when the spec declares releaseUnits. */
  unit?: string;
  env: Record<string, string | undefined>;
  /** Where `{outputs.NAME}` may appear (health checks); it is kept as is for deploy time. */
  allowOutputs?: boolean;
}

export interface Interpolated {
  value: string;
  /** Names of the environment variables read, so that secure values can be masked. */
  envUsed: string[];
  errors: { message: string; hint?: string }[];
}

const PLACEHOLDER = /\{\{|\}\}|\{([A-Za-z_][\w-]*)(?:\.([A-Za-z_][\w.-]*))?\}/g;
const ROOTS = ['region', 'version', 'mode', 'rollout', 'component', 'unit', 'env', 'outputs'];

export function interpolate(text: string, scope: InterpolationScope): Interpolated {
  const envUsed: string[] = [];
  const errors: Interpolated['errors'] = [];
  const value = text.replace(PLACEHOLDER, (match, root: string | undefined, attr: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    const resolved = resolvePlaceholder(root!, attr, scope, envUsed);
    if (typeof resolved === 'string') return resolved;
    errors.push(resolved);
    return match;
  });
  return { value, envUsed, errors };
}

/** True when the text holds a placeholder that only deploy time can fill. */
export function hasOutputs(text: string): boolean {
  return /\{outputs\.[A-Za-z_][\w-]*\}/.test(text);
}

function resolvePlaceholder(
  root: string,
  attr: string | undefined,
  scope: InterpolationScope,
  envUsed: string[],
): string | { message: string; hint?: string } {
  const whole = attr === undefined ? `{${root}}` : `{${root}.${attr}}`;
  switch (root) {
    case 'region': {
      if (!scope.region) return { message: `${whole} is used outside a per-region component`, hint: 'set perRegion: true, or name the region' };
      if (attr === undefined || attr === 'name') return scope.region.name;
      const value = scope.region.attributes[attr];
      if (value === undefined) {
        const known = Object.keys(scope.region.attributes);
        return {
          message: `region "${scope.region.name}" has no attribute "${attr}"`,
          hint: didYouMean(attr, known) ?? `add ${attr} to regions.${scope.region.name}, or use one of: name${known.map((k) => `, ${k}`).join('')}`,
        };
      }
      return String(value);
    }
    case 'env': {
      if (attr === undefined) return { message: '{env} needs a variable name', hint: 'write {env.NAME}' };
      const value = scope.env[attr];
      if (value === undefined) return { message: `environment variable ${attr} is not set`, hint: `set ${attr} in the job's env, or remove ${whole}` };
      envUsed.push(attr);
      return value;
    }
    case 'outputs':
      if (attr === undefined) return { message: '{outputs} needs an output name', hint: 'write {outputs.NAME}' };
      if (!scope.allowOutputs) return { message: `${whole} is only known at deploy time`, hint: 'use {outputs.NAME} in health.url, health.command or health.headers' };
      return whole;
    case 'version':
    case 'mode':
    case 'rollout':
      if (attr !== undefined) return { message: `${whole}: {${root}} has no attributes`, hint: `write {${root}}` };
      return root === 'version' ? scope.version : root === 'mode' ? scope.mode : scope.rollout;
    case 'component':
      if (attr !== undefined || scope.component === undefined) return { message: `${whole} is not available here` };
      return scope.component;
    case 'unit':
      if (attr !== undefined) return { message: `${whole}: {unit} has no attributes`, hint: 'write {unit}' };
      if (scope.unit === undefined) return { message: '{unit} is used but the spec declares no releaseUnits', hint: 'add releaseUnits and traffic, or remove {unit}' };
      return scope.unit;
    default:
      return { message: `unknown placeholder ${whole}`, hint: didYouMean(root, ROOTS) ?? `known: ${ROOTS.map((r) => `{${r}}`).join(', ')}; write {{ for a literal brace` };
  }
}
