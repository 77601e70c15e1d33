import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ARM_REQUEST_LIMIT_BYTES, parametersShape, requestTooLarge, templateShape, unknownOutputs } from '../../src/spec/arm-files.js';
import { SpecFiles } from '../../src/spec/files.js';

const TEMPLATE_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const PARAMETERS_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';

const repo = mkdtempSync(path.join(tmpdir(), 'staged-rollout-arm-files-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

/** Writes a parameters file and reads it the way the loader does, so that problems can point into it. */
function readParameters(name: string, text: string): { files: SpecFiles; repoPath: string; json: Record<string, unknown> } {
  writeFileSync(path.join(repo, name), text);
  const files = new SpecFiles(repo, path.join(repo, 'rollout.yaml'));
  const read = files.readJson(name, 'parametersFile');
  if (!read.ok) throw new Error(read.problem.message);
  return { files, repoPath: read.repoPath, json: read.json };
}

describe('templateShape', () => {
  it('a template with resources, as a list or as a symbolic-name object, is a template', () => {
    expect(templateShape('t.json', { $schema: TEMPLATE_SCHEMA, resources: [] })).toBeUndefined();
    expect(templateShape('t.json', { languageVersion: '2.0', resources: { site: { type: 'Microsoft.Web/sites' } } })).toBeUndefined();
  });

  it('a parameters file given as the template is named as such: by its $schema, or by its shape when it has no resources', () => {
    const problem = {
      message: 'template "app/params.json" is a parameters file, not a deployment template',
      hint: 'name it under parametersFile, and give the template itself under template',
    };
    expect(templateShape('app/params.json', { $schema: PARAMETERS_SCHEMA, parameters: {} })).toEqual(problem);
    expect(templateShape('app/params.json', { $schema: PARAMETERS_SCHEMA.toUpperCase() })).toEqual(problem);
    expect(templateShape('app/params.json', { parameters: { sku: { value: 'S1' }, vault: { reference: { secretName: 's' } } } })).toEqual(problem);
  });

  it('anything else without resources is not a template, with what one has', () => {
    const problem = {
      message: 'template "t.json" is not a deployment template: it has no resources',
      hint: 'an ARM template has $schema, contentVersion and resources (resources: [] for none)',
    };
    expect(templateShape('t.json', { $schema: TEMPLATE_SCHEMA, contentVersion: '1.0.0.0' })).toEqual(problem);
    expect(templateShape('t.json', { resources: 'none' })).toEqual(problem);
    expect(templateShape('t.json', { resources: null })).toEqual(problem);
    // Parameter declarations (type, no value) are a template's, not a parameters file's.
    expect(templateShape('t.json', { parameters: { sku: { type: 'string' } } })).toEqual(problem);
    // One entry in ARM's form is not enough: every entry must be.
    expect(templateShape('t.json', { parameters: { sku: { value: 'S1' }, name: { type: 'string' } } })).toEqual(problem);
    expect(templateShape('t.json', { parameters: {} })).toEqual(problem);
    expect(templateShape('t.json', { parameters: { sku: 'S1' } })).toEqual(problem);
    // A `resources` key that is not a list or an object is a broken template, not a parameters file.
    expect(templateShape('t.json', { resources: 5, parameters: { sku: { value: 'S1' } } })).toEqual(problem);
  });
});

describe('parametersShape', () => {
  it('a parameters file in ARM\'s form has no problem', () => {
    const { files, repoPath, json } = readParameters('ok.json', JSON.stringify({ $schema: PARAMETERS_SCHEMA, parameters: { sku: { value: 'S1' }, secret: { reference: { secretName: 's' } }, empty: { value: null } } }));
    expect(parametersShape(files, repoPath, 'ok.json', json)).toEqual([]);
  });

  it('a template given as the parameters file: by its $schema, or by having resources', () => {
    const problem = [{ message: 'parameters file "p.json" is a deployment template, not a parameters file', hint: 'name it under template; a parameters file holds { "parameters": { "NAME": { "value": ... } } }' }];
    const bySchema = readParameters('p.json', JSON.stringify({ $schema: TEMPLATE_SCHEMA.replace('deploymentTemplate', 'DeploymentTemplate'), parameters: {} }));
    expect(parametersShape(bySchema.files, bySchema.repoPath, 'p.json', bySchema.json)).toEqual(problem);
    const byResources = readParameters('p.json', JSON.stringify({ parameters: { sku: { value: 'S1' } }, resources: [] }));
    expect(parametersShape(byResources.files, byResources.repoPath, 'p.json', byResources.json)).toEqual(problem);
  });

  it('no parameters object', () => {
    const problem = [{ message: 'parameters file "p.json" has no "parameters" object', hint: 'ARM\'s form is { "parameters": { "NAME": { "value": ... } } }' }];
    for (const json of [{}, { parameters: ['sku'] }, { parameters: 'sku=S1' }, { parameters: null }]) {
      const read = readParameters('p.json', JSON.stringify(json));
      expect(parametersShape(read.files, read.repoPath, 'p.json', read.json)).toEqual(problem);
    }
  });

  it('each entry not in ARM\'s form, at its line in the file, with the entry rewritten in that form', () => {
    const text = '{\n  "parameters": {\n    "sku": "S1",\n    "ok": { "value": 1 },\n    "count": { "val": 3 },\n      "missing": null\n  }\n}\n';
    const { files, repoPath, json } = readParameters('p.json', text);
    expect(parametersShape(files, repoPath, 'p.json', json)).toEqual([
      { at: { file: 'p.json', line: 3, col: 5 }, message: 'parameter "sku" in p.json is not in ARM\'s form', hint: 'write "sku": { "value": "S1" }, or { "reference": { "keyVault": ..., "secretName": ... } }' },
      { at: { file: 'p.json', line: 5, col: 5 }, message: 'parameter "count" in p.json is not in ARM\'s form', hint: 'write "count": { "value": {"val":3} }, or { "reference": { "keyVault": ..., "secretName": ... } }' },
      { at: { file: 'p.json', line: 6, col: 7 }, message: 'parameter "missing" in p.json is not in ARM\'s form', hint: 'write "missing": { "value": null }, or { "reference": { "keyVault": ..., "secretName": ... } }' },
    ]);
  });
});

describe('unknownOutputs', () => {
  const template = { outputs: { endpoint: { type: 'string' }, PlanId: { type: 'string' } } };

  it('every placeholder names a declared output, in any case', () => {
    expect(unknownOutputs('{outputs.endpoint}/healthz?plan={outputs.planid}', template, 't.json')).toEqual([]);
    expect(unknownOutputs('no placeholders, {outputs.} or {outputs.9x}', template, 't.json')).toEqual([]);
  });

  it('an undeclared one: a near miss, else the outputs there are, else how to declare one', () => {
    expect(unknownOutputs('{outputs.endpont}/{outputs.region-name}', template, 'app/t.json')).toEqual([
      { message: 'template app/t.json declares no output "endpont"', hint: 'did you mean "endpoint"?' },
      { message: 'template app/t.json declares no output "region-name"', hint: 'its outputs: endpoint, PlanId' },
    ]);
    expect(unknownOutputs('{outputs.url}', { resources: [] }, 't.json')).toEqual([
      { message: 'template t.json declares no output "url"', hint: 'add "outputs": { "url": { "type": "string", "value": ... } } to the template' },
    ]);
  });
});

describe('requestTooLarge', () => {
  // The request ARM reads: {"properties":{"mode":"Incremental","template":...,"parameters":...}}.
  const envelope = Buffer.byteLength(JSON.stringify({ properties: { mode: 'Incremental', template: '', parameters: {} } }));

  it('up to exactly 4 MB is accepted; one byte more is refused, with its size', () => {
    expect(ARM_REQUEST_LIMIT_BYTES).toBe(4_194_304);
    const exactly = 'x'.repeat(ARM_REQUEST_LIMIT_BYTES - envelope);
    expect(requestTooLarge(exactly, {})).toBeUndefined();
    expect(requestTooLarge(`${exactly}x`, {})).toBe('4.0 MB');
    expect(requestTooLarge({ big: 'x'.repeat(5.3 * 1024 * 1024) }, {})).toBe('5.3 MB');
  });

  it('the parameters count too, in UTF-8 bytes', () => {
    const half = 'x'.repeat(ARM_REQUEST_LIMIT_BYTES / 2);
    expect(requestTooLarge(half, {})).toBeUndefined();
    expect(requestTooLarge(half, { p: { value: half } })).toBe('4.0 MB');
    // 'é' is two bytes: 2.1 M of them is over 4 MB although it is 2.1 M characters.
    expect(requestTooLarge('é'.repeat(2.1 * 1024 * 1024), {})).toBe('4.2 MB');
  });
});
