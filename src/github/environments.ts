import { explainGitHubError } from './api-errors.js';
import type { GitHubClient, Repository } from './client.js';

/**
 * `environments`: the stage environments as the spec implies them. A job waits for its environment's rules before it
 * gets a runner, so the previous stage's bake becomes this environment's wait timer (a multi-hour bake cannot be
 * slept inside a 6-hour job), reviewers gate the stage, and a branch policy keeps other branches out.
 */

export interface Reviewer {
  type: 'User' | 'Team';
  id: number;
}

export type BranchPolicy = { protected_branches: boolean; custom_branch_policies: boolean } | null;

export interface EnvironmentsOptions {
  /** Required reviewers of every stage environment (GitHub allows 6). Absent: reviewers are left as they are. */
  reviewers?: Reviewer[];
  /** Per environment name, replacing `reviewers` for that one. */
  reviewersByEnvironment?: Record<string, Reviewer[]>;
  /** `protected` (default): only protected branches may deploy; `any`: no policy; `keep`: leave it as it is. */
  branchPolicy?: 'protected' | 'any' | 'keep';
}

export interface DesiredEnvironment {
  name: string;
  stages: string[];
  /** Minutes. */
  waitTimer: number;
  reviewers?: Reviewer[];
  /** undefined: leave as it is. */
  branchPolicy?: BranchPolicy;
  notes: string[];
}

/** GitHub's bounds for a wait timer, in minutes: 0 to 30 days. */
export const MAX_WAIT_TIMER_MINUTES = 43_200;

interface StageLike {
  name: string;
  environment?: string;
  bakeMs: number;
}

/** Pure: the environments a spec's stages want. Takes a LoadedSpec's or a Plan's stages (mode-resolved). */
export function desiredEnvironments(stages: StageLike[], options: EnvironmentsOptions = {}): { environments: DesiredEnvironment[]; notes: string[] } {
  const notes: string[] = [];
  const byName = new Map<string, DesiredEnvironment>();
  stages.forEach((stage, i) => {
    const previous = stages[i - 1];
    if (!stage.environment) {
      if (previous && previous.bakeMs > 0) notes.push(`stage ${stage.name} has no environment, so the bake after ${previous.name} cannot be a wait timer: the job waits it out itself`);
      return;
    }
    // Rounded up: a timer may wait a little longer than the bake, never shorter.
    let minutes = previous ? Math.ceil(previous.bakeMs / 60_000) : 0;
    const own: string[] = [];
    if (minutes > MAX_WAIT_TIMER_MINUTES) {
      own.push(`the bake after ${previous!.name} is ${minutes} minutes; GitHub's wait timer stops at ${MAX_WAIT_TIMER_MINUTES} (30 days), so it is clamped and the job checks the rest`);
      minutes = MAX_WAIT_TIMER_MINUTES;
    }
    const name = stage.environment;
    const existing = byName.get(name.toLowerCase());
    if (existing) {
      // One timer serves every stage of the environment: the longest, so no stage bakes short.
      existing.notes.push(`used by stages ${[...existing.stages, stage.name].join(', ')}: one wait timer serves them all, the longest (${Math.max(existing.waitTimer, minutes)} min)`);
      existing.stages.push(stage.name);
      existing.waitTimer = Math.max(existing.waitTimer, minutes);
      existing.notes.push(...own);
      return;
    }
    const reviewers = options.reviewersByEnvironment?.[name] ?? options.reviewers;
    if (reviewers && reviewers.length > 6) throw new Error(`environment ${name}: GitHub allows at most 6 required reviewers, ${reviewers.length} given`);
    const policy = options.branchPolicy ?? 'protected';
    byName.set(name.toLowerCase(), {
      name,
      stages: [stage.name],
      waitTimer: minutes,
      reviewers,
      branchPolicy: policy === 'keep' ? undefined : policy === 'protected' ? { protected_branches: true, custom_branch_policies: false } : null,
      notes: own,
    });
  });
  if ((options.branchPolicy ?? 'protected') === 'protected' && byName.size > 0) {
    notes.push('only protected branches may deploy to these environments: the branch the rollout runs from needs a branch protection rule (or ruleset)');
  }
  return { environments: [...byName.values()], notes };
}

export interface FieldChange {
  field: 'wait_timer' | 'reviewers' | 'deployment_branch_policy';
  from: string;
  to: string;
}

export interface EnvironmentChange {
  name: string;
  stages: string[];
  action: 'create' | 'update' | 'unchanged';
  changes: FieldChange[];
  notes: string[];
}

export interface EnvironmentsReport {
  dryRun: boolean;
  environments: EnvironmentChange[];
  notes: string[];
}

interface Current {
  waitTimer: number;
  reviewers: Reviewer[];
  branchPolicy: BranchPolicy;
}

const showReviewers = (r: Reviewer[]): string => (r.length === 0 ? 'none' : r.map((x) => `${x.type} ${x.id}`).join(', '));
const showPolicy = (p: BranchPolicy): string => (p === null ? 'any branch' : p.protected_branches ? 'protected branches' : 'custom branch policies');
const sameReviewers = (a: Reviewer[], b: Reviewer[]): boolean =>
  a.length === b.length && a.every((x) => b.some((y) => y.type === x.type && y.id === x.id));

function diff(current: Current, want: DesiredEnvironment): FieldChange[] {
  const changes: FieldChange[] = [];
  if (current.waitTimer !== want.waitTimer) changes.push({ field: 'wait_timer', from: `${current.waitTimer} min`, to: `${want.waitTimer} min` });
  if (want.reviewers && !sameReviewers(current.reviewers, want.reviewers)) {
    changes.push({ field: 'reviewers', from: showReviewers(current.reviewers), to: showReviewers(want.reviewers) });
  }
  if (want.branchPolicy !== undefined && showPolicy(current.branchPolicy) !== showPolicy(want.branchPolicy)) {
    changes.push({ field: 'deployment_branch_policy', from: showPolicy(current.branchPolicy), to: showPolicy(want.branchPolicy) });
  }
  return changes;
}

export interface SyncOptions extends Repository {
  /** A token with administration: write (a fine-grained PAT or an App's); GITHUB_TOKEN cannot change environments. */
  client: GitHubClient;
  dryRun: boolean;
}

/** Reads each environment, reports what differs and, unless a dry run, writes only the fields that differ. */
export async function syncEnvironments(desired: { environments: DesiredEnvironment[]; notes: string[] }, options: SyncOptions): Promise<EnvironmentsReport> {
  const report: EnvironmentsReport = { dryRun: options.dryRun, environments: [], notes: desired.notes };
  for (const want of desired.environments) {
    const current = await read(options, want.name);
    const changes = diff(current ?? { waitTimer: 0, reviewers: [], branchPolicy: null }, want);
    const action = current === undefined ? 'create' : changes.length > 0 ? 'update' : 'unchanged';
    report.environments.push({ name: want.name, stages: want.stages, action, changes, notes: want.notes });
    if (options.dryRun || action === 'unchanged') continue;
    // Fields left out of the PUT keep their values: only what we manage and what differs is sent.
    const body: Record<string, unknown> = {};
    for (const c of changes) {
      if (c.field === 'wait_timer') body.wait_timer = want.waitTimer;
      if (c.field === 'reviewers') body.reviewers = want.reviewers;
      if (c.field === 'deployment_branch_policy') body.deployment_branch_policy = want.branchPolicy;
    }
    try {
      await options.client.request('PUT /repos/{owner}/{repo}/environments/{environment_name}', { owner: options.owner, repo: options.repo, environment_name: want.name, ...body });
    } catch (error) {
      throw explainEnvironmentError(error, want.name);
    }
  }
  return report;
}

async function read(options: SyncOptions, name: string): Promise<Current | undefined> {
  try {
    const { data } = await options.client.rest.repos.getEnvironment({ owner: options.owner, repo: options.repo, environment_name: name });
    const rules = (data.protection_rules ?? []) as { type: string; wait_timer?: number; reviewers?: { type?: string; reviewer?: { id?: number } | null }[] }[];
    return {
      waitTimer: rules.find((r) => r.type === 'wait_timer')?.wait_timer ?? 0,
      reviewers: (rules.find((r) => r.type === 'required_reviewers')?.reviewers ?? []).map((r) => ({ type: r.type as Reviewer['type'], id: r.reviewer?.id ?? 0 })),
      branchPolicy: data.deployment_branch_policy ?? null,
    };
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw explainGitHubError(error, `read environment ${name}`, 'actions: read', ADMIN_FIX);
  }
}

const ADMIN_FIX = 'Changing environments needs an admin token, which GITHUB_TOKEN can never be: pass a fine-grained PAT or a GitHub App token with Administration: write (and Actions: read).';

function explainEnvironmentError(error: unknown, name: string): unknown {
  const e = error as { status?: number; response?: { data?: { message?: string } } };
  if (e.status === 422 && /protection rule/i.test(e.response?.data?.message ?? '')) {
    return new Error(
      `GitHub refused the protection rules of environment ${name} (422 ${e.response?.data?.message}): required reviewers and wait timers need a public repository or a GitHub Enterprise plan`,
    );
  }
  return explainGitHubError(
    error,
    `create or update environment ${name}`,
    'administration: write',
    ADMIN_FIX,
  );
}

/** The report as a person reads it in a terminal or a job summary. */
export function environmentsText(report: EnvironmentsReport): string {
  const lines = [report.dryRun ? 'Environments (dry run: nothing changed):' : 'Environments:'];
  for (const e of report.environments) {
    const verb = e.action === 'unchanged' ? 'unchanged' : report.dryRun ? `would ${e.action}` : e.action === 'create' ? 'created' : 'updated';
    lines.push(`  ${e.name} (stage ${e.stages.join(', ')}): ${verb}`);
    for (const c of e.changes) lines.push(`    ${c.field}: ${c.from} -> ${c.to}`);
    for (const n of e.notes) lines.push(`    note: ${n}`);
  }
  for (const n of report.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}
