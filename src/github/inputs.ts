import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { InputError } from '../commands/plan.js';
import { STANDARD_MODE } from '../spec/load.js';

export const COMMANDS = ['plan', 'deploy'] as const;
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
  /** Progress file a re-run in the same job resumes from; across jobs, ARM's deployment tags carry the state. */
  journal: string;
  /** Where the spec and the files it names are read from. */
  workspace: string;
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
  const dryRun = core.getInput('dry-run') || 'false';
  if (!['true', 'false'].includes(dryRun)) throw new InputError(`input dry-run is "${dryRun}"; use true or false`);
  const clientId = core.getInput('client-id') || undefined;
  const tenantId = core.getInput('tenant-id') || undefined;
  if ((clientId === undefined) !== (tenantId === undefined)) {
    throw new InputError('client-id and tenant-id go together: give both for OIDC sign-in, or neither to use azure/login or the environment');
  }
  return {
    command: command as Command,
    spec: core.getInput('spec') || 'rollout.yaml',
    mode: core.getInput('mode') || STANDARD_MODE,
    version,
    stage: core.getInput('stage') || 'all',
    dryRun: dryRun === 'true',
    clientId,
    tenantId,
    armEndpoint: core.getInput('arm-endpoint') || undefined,
    armCa: core.getInput('arm-ca') || undefined,
    journal: core.getInput('journal') || path.join(env.RUNNER_TEMP || os.tmpdir(), 'staged-rollout', 'journal.jsonl'),
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
  };
}
