import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../commands/plan.js';

/**
 * The `spec` input must name a file inside GITHUB_WORKSPACE: a workflow (or a pull request changing one) must not make
 * the action read a file of the runner, another checkout, or a link out of the repository, as a rollout spec.
 * Checked before the file is read.
 */
export function checkSpecPath(spec: string, workspace: string): string {
  const fix = 'give the spec as a path relative to the repository root, e.g. spec: deploy/rollout.yaml';
  if (path.isAbsolute(spec) || /^[A-Za-z]:[\\/]/.test(spec) || spec.startsWith('\\\\')) {
    throw new InputError(`input spec "${spec}" is an absolute path; ${fix}`);
  }
  const root = path.resolve(workspace);
  const target = path.resolve(root, spec);
  if (!inside(root, target)) throw new InputError(`input spec "${spec}" lies outside the workspace (${root}); ${fix}`);
  if (existsSync(target)) {
    const real = realpathSync(target);
    const realRoot = realpathSync(root);
    if (!inside(realRoot, real)) throw new InputError(`input spec "${spec}" is a link to ${real}, outside the workspace; commit the spec itself into the repository`);
  }
  return spec;
}

function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  // `..` itself or under it; a name that merely starts with dots (`..rollout.yaml`) is inside.
  return rel === '' ? false : rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
