import { asRecord } from './checks.js';
import type { SpecFiles } from './files.js';
import { didYouMean } from './problems.js';

/**
 * What ARM wants of the files a component names: a template is a deployment template (it has `resources`), a
 * parameters file is in ARM's form (`parameters: { NAME: { value } | { reference } }`), and a request stays within
 * ARM's 4 MB. Each problem points into the file where it can, else returns a message for the spec's reference.
 */
export type FileShapeProblem = { at?: { file: string; line: number; col: number }; message: string; hint: string };

export const ARM_REQUEST_LIMIT_BYTES = 4 * 1024 * 1024;

const isParametersSchema = (json: Record<string, unknown>): boolean => /deploymentParameters\.json/i.test(String(json.$schema ?? ''));
const isTemplateSchema = (json: Record<string, unknown>): boolean => /deploymentTemplate\.json/i.test(String(json.$schema ?? ''));

export function templateShape(relative: string, json: Record<string, unknown>): FileShapeProblem | undefined {
  const resources = json.resources;
  if (Array.isArray(resources) || asRecord(resources)) return undefined;
  if (isParametersSchema(json) || (!('resources' in json) && looksLikeParameters(json.parameters))) {
    return { message: `template "${relative}" is a parameters file, not a deployment template`, hint: `name it under parametersFile, and give the template itself under template` };
  }
  return { message: `template "${relative}" is not a deployment template: it has no resources`, hint: 'an ARM template has $schema, contentVersion and resources (resources: [] for none)' };
}

export function parametersShape(files: SpecFiles, repoPath: string, relative: string, json: Record<string, unknown>): FileShapeProblem[] {
  if (isTemplateSchema(json) || 'resources' in json) {
    return [{ message: `parameters file "${relative}" is a deployment template, not a parameters file`, hint: 'name it under template; a parameters file holds { "parameters": { "NAME": { "value": ... } } }' }];
  }
  const parameters = asRecord(json.parameters);
  if (!parameters) {
    return [{ message: `parameters file "${relative}" has no "parameters" object`, hint: 'ARM\'s form is { "parameters": { "NAME": { "value": ... } } }' }];
  }
  const problems: FileShapeProblem[] = [];
  for (const [name, entry] of Object.entries(parameters)) {
    const e = asRecord(entry);
    if (e && ('value' in e || 'reference' in e)) continue;
    problems.push({
      at: files.locate(repoPath, name),
      message: `parameter "${name}" in ${relative} is not in ARM's form`,
      hint: `write "${name}": { "value": ${JSON.stringify(entry) ?? 'null'} }, or { "reference": { "keyVault": ..., "secretName": ... } }`,
    });
  }
  return problems;
}

function looksLikeParameters(parameters: unknown): boolean {
  const entries = Object.values(asRecord(parameters) ?? {});
  return entries.length > 0 && entries.every((e) => asRecord(e) && ('value' in asRecord(e)! || 'reference' in asRecord(e)!));
}

/** `{outputs.NAME}` names the template does not declare (ARM output names are case-insensitive). */
export function unknownOutputs(text: string, template: Record<string, unknown>, relative: string): { message: string; hint: string }[] {
  const declared = Object.keys(asRecord(template.outputs) ?? {});
  const problems: { message: string; hint: string }[] = [];
  for (const [, name] of text.matchAll(/\{outputs\.([A-Za-z_][\w-]*)\}/g)) {
    if (declared.some((d) => d.toLowerCase() === name.toLowerCase())) continue;
    problems.push({
      message: `template ${relative} declares no output "${name}"`,
      hint: didYouMean(name, declared) ?? (declared.length > 0 ? `its outputs: ${declared.join(', ')}` : `add "outputs": { "${name}": { "type": "string", "value": ... } } to the template`),
    });
  }
  return problems;
}

/** ARM refuses a deployment request over 4 MB (template and parameters together). */
export function requestTooLarge(template: unknown, parameters: unknown): string | undefined {
  const bytes = Buffer.byteLength(JSON.stringify({ properties: { mode: 'Incremental', template, parameters } }), 'utf8');
  if (bytes <= ARM_REQUEST_LIMIT_BYTES) return undefined;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
