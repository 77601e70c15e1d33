import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { InputError, type PlanRequest } from '../commands/plan.js';
import { STANDARD_MODE } from '../spec/load.js';
import { DURATION_HINT, parseDuration } from '../time/duration.js';
import { durationHint } from '../time/duration-hint.js';
import { actionRedactor } from './masking.js';
import { checkSpecPath } from './spec-path.js';

export const COMMANDS = ['plan', 'deploy', 'workflow', 'environments', 'failover', 'status', 'teardown', 'abort', 'promote'] as const;
export type Command = (typeof COMMANDS)[number];

export interface ActionInputs {
  command: Command;
  spec: string;
  mode: string;
  version: string;
  /** A stage name or `all`. */
  stage: string;
  dryRun: boolean;
  clientId?: string;
  tenantId?: string;
  armEndpoint?: string;
  /** PEM text or a repository path of a CA to trust for arm-endpoint and probes. */
  armCa?: string;
  /** The plan job's output, for a stage job to check it deploys that plan. */
  plan?: string;
  /** GitHub token for deployment records (and environments with an admin token). */
  token?: string;
  /** Longest wait for the rest of the previous stage's bake in a stage job. */
  maxWaitMs: number;
  /** Fail (not only warn) when the committed workflow no longer matches the spec. */
  strict: boolean;
  /** The committed workflow file to check for drift. */
  workflow?: string;
  /** Progress file a re-run in the same job resumes from; across jobs, ARM's deployment tags carry the state. */
  journal: string;
  /** Where the spec and the files it names are read from. */
  workspace: string;
}

/** What the plan and deploy commands need from the inputs; secure values are masked before anything prints. */
export function planRequest(inputs: ActionInputs): PlanRequest {
  return {
    specFile: inputs.spec,
    mode: inputs.mode,
    version: inputs.version,
    env: process.env,
    repoRoot: inputs.workspace,
    bicepPath: core.getInput('bicep-path') || undefined,
    onSecrets: (secrets) => secrets.forEach((s) => actionRedactor().add(s)),
    onWarnings: (warnings) =>
      warnings.forEach((w) => core.warning(`${w.path ? `${w.path}: ` : ''}${w.message}${w.hint ? ` (${w.hint})` : ''}`, { title: 'staged-rollout: spec warning', file: w.file, startLine: w.line, startColumn: w.col })),
  };
}

/** Reads the action's inputs as the runner passes them (INPUT_*), with the defaults action.yml documents. */
export function readInputs(env: NodeJS.ProcessEnv = process.env): ActionInputs {
  const command = core.getInput('command') || 'plan';
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new InputError(`input command "${command}" is not known; use one of: ${COMMANDS.join(', ')}`);
  }
  const sha = env.GITHUB_SHA ?? '';
  const version = core.getInput('version') || sha.slice(0, 7);
  if (!version) throw new InputError('input version is empty and GITHUB_SHA is not set; give version: (e.g. a release tag)');
  const dryRun = bool('dry-run') ? 'true' : 'false';
  const clientId = core.getInput('client-id') || undefined;
  const tenantId = core.getInput('tenant-id') || undefined;
  if ((clientId === undefined) !== (tenantId === undefined)) {
    throw new InputError('client-id and tenant-id go together: give both for OIDC sign-in, or neither to use azure/login or the environment');
  }
  return {
    command: command as Command,
    spec: checkSpecPath(core.getInput('spec') || 'rollout.yaml', env.GITHUB_WORKSPACE || process.cwd()),
    mode: core.getInput('mode') || STANDARD_MODE,
    version,
    stage: core.getInput('stage') || 'all',
    dryRun: dryRun === 'true',
    clientId,
    tenantId,
    armEndpoint: core.getInput('arm-endpoint') || undefined,
    armCa: core.getInput('arm-ca') || undefined,
    plan: core.getInput('plan') || undefined,
    token: core.getInput('token') || undefined,
    maxWaitMs: duration('max-wait', core.getInput('max-wait') || '5h'),
    strict: bool('strict'),
    workflow: core.getInput('workflow') || undefined,
    journal: core.getInput('journal') || path.join(env.RUNNER_TEMP || os.tmpdir(), 'staged-rollout', 'journal.jsonl'),
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
  };
}

function bool(name: string): boolean {
  const value = core.getInput(name) || 'false';
  if (!['true', 'false'].includes(value)) throw new InputError(`input ${name} is "${value}"; use true or false`);
  return value === 'true';
}

function duration(name: string, value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) throw new InputError(`input ${name} is "${value}"; ${durationHint(value, DURATION_HINT)}`);
  return ms;
}
