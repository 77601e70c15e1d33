import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { desiredEnvironments, syncEnvironments, type EnvironmentsOptions, type EnvironmentsReport } from '../github/environments.js';
import type { GitHubClient } from '../github/client.js';
import { generateWorkflow, type WorkflowOptions } from '../github/workflow/generate.js';
import { workflowDrift } from '../github/workflow/drift.js';
import { workflowInput, type WorkflowInput } from '../github/workflow/input.js';
import { loadSpec, STANDARD_MODE } from '../spec/load.js';

/**
 * Generating the workflow reads the spec for its shape only (stages, environments, modes, the variables it needs), so
 * `{env.NAME}` stays a placeholder: the values belong to the jobs that run it, not to the machine that writes it.
 */
const placeholderEnv = new Proxy({} as Record<string, string>, { get: (_, name) => (typeof name === 'string' ? `{env.${name}}` : undefined) });

export function specShape(specFile: string, repoRoot: string, mode = STANDARD_MODE): WorkflowInput {
  const spec = loadSpec(specFile, { mode, version: '0.0.0', env: placeholderEnv, repoRoot });
  return workflowInput(spec, readFileSync(path.resolve(repoRoot, specFile), 'utf8'));
}

/** `.github/workflows/<rollout>.yml`, where the spec asks for it unless `out` says otherwise. */
export function workflowPath(input: WorkflowInput, repoRoot: string, out?: string): string {
  return path.resolve(repoRoot, out ?? path.join('.github', 'workflows', `${input.name}.yml`));
}

export function workflowCommand(request: { specFile: string; repoRoot: string; options: WorkflowOptions; out?: string }): { file: string; text: string; input: WorkflowInput } {
  const input = specShape(request.specFile, request.repoRoot, request.options.mode ?? STANDARD_MODE);
  return { file: workflowPath(input, request.repoRoot, request.out), text: generateWorkflow(input, request.options), input };
}

/** What the committed workflow (if there is one) no longer does that the spec asks for; [] when it matches. */
export function driftOf(request: { specFile: string; repoRoot: string; workflow?: string; options?: WorkflowOptions }): { file: string; missing: boolean; drift: string[] } | undefined {
  const input = specShape(request.specFile, request.repoRoot);
  const file = workflowPath(input, request.repoRoot, request.workflow);
  if (!existsSync(file)) return request.workflow ? { file, missing: true, drift: [`${request.workflow} does not exist`] } : undefined;
  return { file, missing: false, drift: workflowDrift(readFileSync(file, 'utf8'), input, request.options) };
}

/** Stage environments from the spec (standard mode: its bakes are what wait timers hold). */
export function environmentsCommand(request: {
  specFile: string;
  repoRoot: string;
  client: GitHubClient;
  owner: string;
  repo: string;
  dryRun: boolean;
  options: EnvironmentsOptions;
}): Promise<EnvironmentsReport> {
  const spec = loadSpec(request.specFile, { mode: STANDARD_MODE, version: '0.0.0', env: placeholderEnv, repoRoot: request.repoRoot });
  return syncEnvironments(desiredEnvironments(spec.stages, request.options), { client: request.client, owner: request.owner, repo: request.repo, dryRun: request.dryRun });
}
