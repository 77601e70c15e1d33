import type { SimUser } from './auth.js';

/** What the local GitHub endpoint remembers, per repository. Plain records; the handlers shape GitHub's answers. */

export interface DeploymentRecord {
  id: number;
  sha: string;
  ref: string;
  task: string;
  payload: unknown;
  originalEnvironment: string;
  environment: string;
  description: string | null;
  transient: boolean;
  production: boolean;
  creator: SimUser;
  createdAt: number;
  updatedAt: number;
}

export const STATUS_STATES = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'] as const;
export type StatusState = (typeof STATUS_STATES)[number];

export interface StatusRecord {
  id: number;
  deploymentId: number;
  state: StatusState;
  description: string;
  environment: string;
  targetUrl: string;
  logUrl: string;
  environmentUrl: string;
  creator: SimUser;
  createdAt: number;
}

export interface Reviewer {
  type: 'User' | 'Team';
  id: number;
}

export interface EnvironmentRecord {
  id: number;
  name: string;
  waitTimer: number;
  preventSelfReview: boolean;
  reviewers: Reviewer[];
  branchPolicy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
  canAdminsBypass: boolean;
  createdAt: number;
  updatedAt: number;
  /** Ids of the protection rules, stable across updates as on GitHub. */
  ruleIds: { wait_timer: number; required_reviewers: number; branch_policy: number };
}

export interface PendingRecord {
  environment: string;
  waitTimerStartedAt: number;
}

export interface ApprovalRecord {
  environments: string[];
  state: 'approved' | 'rejected';
  comment: string;
  user: SimUser;
}

export interface RunRecord {
  id: number;
  headSha: string;
  pending: PendingRecord[];
  approvals: ApprovalRecord[];
}

export class RepoState {
  readonly owner: string;
  readonly name: string;
  readonly id: number;
  readonly deployments: DeploymentRecord[] = [];
  readonly statuses = new Map<number, StatusRecord[]>();
  /** By lower-cased name: GitHub's environment names are not case sensitive. */
  readonly environments = new Map<string, EnvironmentRecord>();
  readonly runs = new Map<number, RunRecord>();

  constructor(fullName: string, id: number) {
    [this.owner, this.name] = fullName.split('/');
    this.id = id;
  }

  environment(name: string): EnvironmentRecord | undefined {
    return this.environments.get(name.toLowerCase());
  }
}

/** Ids count up across the whole endpoint, as GitHub's do, so no two objects of a kind share one. */
export class IdSource {
  private next = 1000;

  take(): number {
    return this.next++;
  }
}
