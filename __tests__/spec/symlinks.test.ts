import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSpec } from '../../src/spec/load.js';
import { SpecError } from '../../src/spec/problems.js';

// A spec from a pull request must not make the action read a file outside the checkout through a symlink: the
// link's own path is inside the repository, only its target is not.
const base = mkdtempSync(path.join(tmpdir(), 'staged-rollout-links-'));
const repo = path.join(base, 'repo');
const outside = path.join(base, 'outside');
mkdirSync(path.join(repo, 'templates'), { recursive: true });
mkdirSync(outside);
const template = JSON.stringify({ contentVersion: '1.0.0.0', parameters: { size: { type: 'int', defaultValue: 1 } }, resources: [] });
const parameters = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: { size: { value: 2 } } });
writeFileSync(path.join(repo, 'templates', 'app.json'), template);
writeFileSync(path.join(outside, 'secret.json'), template);
writeFileSync(path.join(outside, 'params.json'), parameters);
symlinkSync(path.join(outside, 'secret.json'), path.join(repo, 'templates', 'escape.json'));
symlinkSync(path.join(outside, 'params.json'), path.join(repo, 'templates', 'escape.parameters.json'));
symlinkSync(outside, path.join(repo, 'linked-dir'));
symlinkSync(path.join(repo, 'templates', 'app.json'), path.join(repo, 'templates', 'alias.json'));

const spec = (templatePath: string, parametersFile?: string) => `name: links
subscription: 00000000-0000-0000-0000-000000000001
regions: { eastus: {} }
components:
  app:
    perRegion: true
    resourceGroup: rg-{region}
    template: ${templatePath}
${parametersFile ? `    parametersFile: ${parametersFile}\n` : ''}stages:
  - { name: one, regions: [eastus] }
`;

function problemsOf(text: string): string[] {
  try {
    loadSpec('rollout.yaml', { mode: 'standard', version: '1.0.0', env: {}, repoRoot: repo, text });
  } catch (error) {
    if (error instanceof SpecError) return error.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message} (${p.hint})`);
    throw error;
  }
  return [];
}

describe('templates and parameters files reached through symlinks', () => {
  it('refuses a template that is a link to a file outside the repository, at the template line', () => {
    expect(problemsOf(spec('templates/escape.json'))).toEqual([
      'rollout.yaml:8:15: template "templates/escape.json" is a link to a file outside the repository (copy the file into the repository)',
    ]);
  });

  it('refuses a template inside a linked folder that leads outside', () => {
    expect(problemsOf(spec('linked-dir/secret.json'))).toEqual([
      'rollout.yaml:8:15: template "linked-dir/secret.json" is a link to a file outside the repository (copy the file into the repository)',
    ]);
  });

  it('refuses a parameters file that is a link outside the repository', () => {
    expect(problemsOf(spec('templates/app.json', 'templates/escape.parameters.json'))).toEqual([
      'rollout.yaml:9:21: parameters file "templates/escape.parameters.json" is a link to a file outside the repository (copy the file into the repository)',
    ]);
  });

  it('accepts a link that stays inside the repository', () => {
    expect(problemsOf(spec('templates/alias.json'))).toEqual([]);
  });
});
