import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkSpecPath } from '../../src/github/spec-path.js';

const FIX = 'give the spec as a path relative to the repository root, e.g. spec: deploy/rollout.yaml';
const base = mkdtempSync(path.join(tmpdir(), 'staged-rollout-spec-path-'));
const workspace = path.join(base, 'repo');
const outside = path.join(base, 'outside.yaml');
mkdirSync(path.join(workspace, 'deploy'), { recursive: true });
writeFileSync(path.join(workspace, 'deploy', 'rollout.yaml'), 'name: x\n');
writeFileSync(outside, 'name: y\n');
symlinkSync(outside, path.join(workspace, 'deploy', 'out-link.yaml'));
symlinkSync(path.join(workspace, 'deploy', 'rollout.yaml'), path.join(workspace, 'in-link.yaml'));
// The workspace reached through a link of its own: the check compares real paths on both sides.
symlinkSync(workspace, path.join(base, 'linked-repo'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const refusal = (spec: string, root = workspace): string => {
  try {
    checkSpecPath(spec, root);
  } catch (error) {
    expect((error as Error).name).toBe('InputError');
    return (error as Error).message;
  }
  throw new Error(`${spec} was accepted`);
};

describe('checkSpecPath', () => {
  it('returns a relative spec inside the workspace as given, whether or not it exists yet', () => {
    expect(checkSpecPath('deploy/rollout.yaml', workspace)).toBe('deploy/rollout.yaml');
    expect(checkSpecPath('./deploy/../deploy/rollout.yaml', workspace)).toBe('./deploy/../deploy/rollout.yaml');
    expect(checkSpecPath('not/yet.yaml', workspace)).toBe('not/yet.yaml');
    // Leading dots are part of a name, not a step up.
    expect(checkSpecPath('..rollout.yaml', workspace)).toBe('..rollout.yaml');
    expect(checkSpecPath('deploy/...yaml', workspace)).toBe('deploy/...yaml');
    expect(checkSpecPath('in-link.yaml', workspace)).toBe('in-link.yaml');
    expect(checkSpecPath('deploy/rollout.yaml', path.join(base, 'linked-repo'))).toBe('deploy/rollout.yaml');
  });

  it.each(['/etc/passwd', 'C:\\rollout.yaml', 'c:/rollout.yaml', '\\\\server\\share\\rollout.yaml'])('refuses the absolute path %s', (spec) => {
    expect(refusal(spec)).toBe(`input spec "${spec}" is an absolute path; ${FIX}`);
  });

  it.each(['../outside.yaml', 'deploy/../../outside.yaml', '..', '.', ''])('refuses %j, which is not a file inside the workspace', (spec) => {
    expect(refusal(spec)).toBe(`input spec "${spec}" lies outside the workspace (${workspace}); ${FIX}`);
  });

  it('names the workspace resolved', () => {
    expect(refusal('../x.yaml', `${workspace}/deploy/..`)).toBe(`input spec "../x.yaml" lies outside the workspace (${workspace}); ${FIX}`);
  });

  it('refuses a link that leads out of the workspace, naming where it leads', () => {
    expect(refusal('deploy/out-link.yaml')).toBe(`input spec "deploy/out-link.yaml" is a link to ${outside}, outside the workspace; commit the spec itself into the repository`);
  });

  it('a drive letter needs its separator: C:rollout.yaml is a relative name', () => {
    expect(checkSpecPath('C:rollout.yaml', workspace)).toBe('C:rollout.yaml');
  });
});
