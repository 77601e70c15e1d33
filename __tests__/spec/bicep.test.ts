import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSpec } from '../../src/spec/load.js';
import { SpecError } from '../../src/spec/problems.js';
import { parseDiagnostics } from '../../src/spec/bicep.js';
import { describeWithBicep } from '../helpers/bicep.js';

/** A throwaway repository with one spec and the Bicep files it names. */
function repo(spec: string, files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-bicep-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  writeFileSync(path.join(dir, 'rollout.yaml'), spec);
  return dir;
}

const spec = (component: string): string => `name: svc
subscription: "00000000-0000-0000-0000-000000000001"
regions: { eastus: { short: eus } }
components:
  store:
    perRegion: true
    resourceGroup: "svc-{region.short}"
${component}
stages: [{ name: one, regions: [eastus] }]
`;

const storage = `param name string
param sku string = 'Standard_LRS'
param location string = resourceGroup().location

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  sku: { name: sku }
  kind: 'StorageV2'
}

output id string = account.id
`;

function problemsOf(dir: string, bicepPath: string): SpecError {
  try {
    loadSpec('rollout.yaml', { mode: 'standard', version: '1.0.0', env: {}, repoRoot: dir, bicepPath });
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error('the spec loaded without problems');
}

describe('Bicep diagnostics', () => {
  it('reads file, line, column, code and message of each error, once, and ignores warnings', () => {
    const stderr = [
      '/r/t.bicep(5,22) : Error BCP009: Expected a literal value at this location. [https://aka.ms/bicep/core-diagnostics#BCP009]',
      '/r/t.bicep(2,7) : Warning no-unused-params: Parameter "n" is declared but never used. [https://aka.ms/bicep/linter-diagnostics#no-unused-params]',
      '/r/t.bicep(5,22) : Error BCP009: Expected a literal value at this location. [https://aka.ms/bicep/core-diagnostics#BCP009]',
    ].join('\n');
    expect(parseDiagnostics(stderr)).toEqual([{ file: '/r/t.bicep', line: 5, col: 22, code: 'BCP009', message: 'Expected a literal value at this location.' }]);
  });
});

describeWithBicep('Bicep templates and .bicepparam files, compiled by the real Bicep CLI', (bicepPath) => {
  it('compiles a .bicep template and a .bicepparam parameters file into the stamp', () => {
    const dir = repo(spec(`    template: infra/storage.bicep
    parametersFile: infra/storage.bicepparam
    parameters: { name: "svc{region.short}" }`), {
      'infra/storage.bicep': storage,
      'infra/storage.bicepparam': "using './storage.bicep'\n\nparam name = 'placeholder'\nparam sku = 'Standard_ZRS'\n",
    });
    const loaded = loadSpec('rollout.yaml', { mode: 'standard', version: '1.0.0', env: {}, repoRoot: dir, bicepPath });
    const [stamp] = loaded.stamps;
    expect(stamp.template.path).toBe('infra/storage.bicep');
    expect(Object.keys(stamp.template.content.parameters as object)).toEqual(['name', 'sku', 'location']);
    expect((stamp.template.content.resources as Array<{ type: string }>)[0].type).toBe('Microsoft.Storage/storageAccounts');
    // The .bicepparam gives sku; the spec's inline name overrides the file's.
    expect(stamp.parameters.sku.value).toBe('Standard_ZRS');
    expect(stamp.parameters.name.value).toBe('svceus');
  });

  it('reports a Bicep compile error at the .bicep file\'s own line and column, with a hint', () => {
    const broken = storage.replace("  kind: 'StorageV2'", "  kind: 'StorageV2'\n  properties: { minimumTlsVersion: }");
    const dir = repo(spec('    template: infra/storage.bicep'), { 'infra/storage.bicep': broken });
    const error = problemsOf(dir, bicepPath);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ file: 'infra/storage.bicep', line: 10, col: 36 });
    expect(error.problems[0].message).toMatch(/^Bicep BCP\d+: /);
    expect(error.problems[0].hint).toMatch(/aka\.ms\/bicep\/core-diagnostics#BCP\d+/);
    expect(error.message).toContain('infra/storage.bicep:10:36: Bicep BCP');
  });

  it('reports every error of one compile, each at its place', () => {
    const broken = storage.replace('  name: name\n', '  name: nmae\n').replace("sku: { name: sku }", 'sku: { name: skew }');
    const dir = repo(spec('    template: infra/storage.bicep'), { 'infra/storage.bicep': broken });
    const error = problemsOf(dir, bicepPath);
    expect(error.problems.map((p) => `${p.file}:${p.line}:${p.col}`)).toEqual(['infra/storage.bicep:6:9', 'infra/storage.bicep:8:16']);
    expect(error.problems.every((p) => p.message.startsWith('Bicep BCP057: ') && p.hint?.startsWith('declare the name first'))).toBe(true);
  });

  it('reports a .bicepparam error at the .bicepparam file\'s own line and column', () => {
    const dir = repo(spec(`    template: infra/storage.bicep
    parametersFile: infra/storage.bicepparam`), {
      'infra/storage.bicep': storage,
      'infra/storage.bicepparam': "using './storage.bicep'\n\nparam name = 'svc'\nparam sku = 42\n",
    });
    const error = problemsOf(dir, bicepPath);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ file: 'infra/storage.bicepparam', line: 4, col: 13 });
    expect(error.problems[0].message).toMatch(/^Bicep BCP033: Expected a value of type "string"/);
    expect(error.problems[0].hint).toMatch(/^give the parameter a value of the type the template declares/);
  });

  it('says so, at the spec\'s template line, when the Bicep CLI named cannot be run', () => {
    const dir = repo(spec('    template: infra/storage.bicep'), { 'infra/storage.bicep': storage });
    const error = problemsOf(dir, path.join(dir, 'no-such-bicep'));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ file: 'rollout.yaml', line: 8 });
    expect(error.problems[0].message).toMatch(/the Bicep CLI at .*no-such-bicep cannot be run/);
    expect(error.problems[0].hint).toMatch(/bicep-path/);
  });
});
