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
  errors.push(...syntaxErrors(text));
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
      // An unset secret or variable in `env: { X: ${{ secrets.X }} }` arrives as an empty string, not as unset.
      if (value.trim() === '') return { message: `environment variable ${attr} is set but empty`, hint: `give ${attr} a value in the job's env (a secret or variable that does not exist arrives empty)` };
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
      if (attr !== undefined || scope.component === undefined) return { message: `${whole} is not available here`, hint: 'write {component} for the component\'s name' };
      return scope.component;
    case 'unit':
      if (attr !== undefined) return { message: `${whole}: {unit} has no attributes`, hint: 'write {unit}' };
      if (scope.unit === undefined) return { message: '{unit} is used but the spec declares no releaseUnits', hint: 'add releaseUnits and traffic, or remove {unit}' };
      return scope.unit;
    default:
      return { message: `unknown placeholder ${whole}`, hint: didYouMean(root, ROOTS) ?? `known: ${ROOTS.map((r) => `{${r}}`).join(', ')}; write {{ for a literal brace` };
  }
}

/**
 * Mistakes in the braces themselves, which the placeholder pattern alone would pass through as literal text (and
 * then into a resource name): `{version` without its `}`, `region.short}` without its `{`, `{ version }` with
 * spaces, and GitHub's `${{ ... }}`, which the runner never evaluates inside a spec file.
 */
function syntaxErrors(text: string): Interpolated['errors'] {
  const errors: Interpolated['errors'] = [];
  const github = /\$\{\{\s*([^}]*?)\s*\}\}/.exec(text);
  if (github) {
    const inner = github[1];
    const env = /^(?:secrets|vars|env)\.([A-Za-z_]\w*)$/.exec(inner)?.[1];
    errors.push({
      message: `${github[0]} is a GitHub expression; the runner does not evaluate it inside a spec file`,
      hint: env ? `write {env.${env}} and set ${env}: \${{ ${inner} }} in the step's env` : `write {env.NAME} and set NAME: \${{ ${inner} }} in the step's env`,
    });
    return errors;
  }
  // Escaped braces first, then every real placeholder, out of the way: what is left is literal text.
  // Output references of earlier stamps (`{outputs.app[*].fqdn}`, src/spec/output-refs.ts) are placeholders too.
  const rest = text
    .replace(/\{\{|\}\}/g, '  ')
    .replace(PLACEHOLDER, (m) => ' '.repeat(m.length))
    .replace(/\{outputs\.[A-Za-z_][\w-]*(?:\[\*\])?(?:\.[A-Za-z_][\w.-]*)?\}/g, (m) => ' '.repeat(m.length));
  for (const m of rest.matchAll(/\{\s*([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?(\s*\})?/g)) {
    const [whole, root, attr, close] = m;
    if (!ROOTS.includes(root)) continue; // `{foo` in JSON-ish text or a regex stays literal
    const name = attr === undefined ? root : `${root}.${attr}`;
    errors.push(close ? { message: `"${whole}" has spaces inside the braces`, hint: `write {${name}}` } : { message: `"${whole}" has no closing }`, hint: `write {${name}}` });
  }
  for (const m of rest.matchAll(/(?<![\w.{])([A-Za-z_]\w*)(?:\.([A-Za-z_][\w.-]*))?\}/g)) {
    const [whole, root, attr] = m;
    if (!ROOTS.includes(root)) continue;
    errors.push({ message: `"${whole}" has no opening {`, hint: `write {${attr === undefined ? root : `${root}.${attr}`}}` });
  }
  return errors;
}
