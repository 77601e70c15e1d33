import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateFailoverWorkflow, type FailoverWorkflowOptions } from '../github/workflow/failover.js';
import { workflowInput } from '../github/workflow/input.js';
import { loadSpec, STANDARD_MODE } from '../spec/load.js';
import { InputError } from './plan.js';

/** As for the stage workflow: `{env.NAME}` stays a placeholder; the values belong to the job that runs it. */
const placeholderEnv = new Proxy({} as Record<string, string>, { get: (_, name) => (typeof name === 'string' ? `{env.${name}}` : undefined) });

/** `workflow --failover`: `.github/workflows/<rollout>-failover.yml`, the failover loop on a schedule. */
export function failoverWorkflowCommand(request: { specFile: string; repoRoot: string; options: FailoverWorkflowOptions; out?: string }): { file: string; text: string } {
  const spec = loadSpec(request.specFile, { mode: STANDARD_MODE, version: '0.0.0', env: placeholderEnv, repoRoot: request.repoRoot });
  if (!spec.failover) throw new InputError(`${spec.file} has no failover section; add one before generating its workflow`);
  const input = workflowInput(spec, readFileSync(path.resolve(request.repoRoot, request.specFile), 'utf8'));
  return { file: path.resolve(request.repoRoot, request.out ?? path.join('.github', 'workflows', `${input.name}-failover.yml`)), text: generateFailoverWorkflow(input, request.options) };
}
