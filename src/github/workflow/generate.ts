import { Document, isMap, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { formatDuration } from '../../time/duration.js';
import type { WorkflowInput } from './input.js';

export interface WorkflowOptions {
  /** The action reference. Default `OWNER/staged-rollout@v1`; `./` runs the action of the repository itself. */
  uses?: string;
  /** `push` (default): on push to the default branch, plus a manual dispatch with a mode choice. `dispatch`: manual only. */
  trigger?: 'push' | 'dispatch';
  /** A fixed mode (e.g. `hotfix` for a dispatch-only hotfix workflow); no mode input is offered then. */
  mode?: string;
  /** Default `main`. */
  defaultBranch?: string;
  /** Default `ubuntu-latest`. */
  runsOn?: string;
  /** Default `actions/checkout@v5`. */
  checkout?: string;
}

export const DEFAULT_USES = 'OWNER/staged-rollout@v1';
export const STANDARD = 'standard';

/** Job id of a stage: its name (stage names are valid job ids by the spec schema), unless it would be `plan`. */
export const stageJobId = (stage: string): string => (stage === 'plan' ? 'stage-plan' : stage);

export const concurrencyGroup = (input: WorkflowInput): string => `staged-rollout-${input.name}`;

/** `${{ ... }}` without writing it in a template literal each time. */
const expr = (e: string): string => `\${{ ${e} }}`;

/**
 * The workflow of a gated rollout: a `plan` job, then one job per stage, each waiting on the previous one and on its
 * GitHub environment (reviewers, wait timer). Pure and deterministic: the same input gives the same bytes, so a
 * committed copy can be compared with a fresh one (workflowDrift).
 */
export function generateWorkflow(input: WorkflowInput, options: WorkflowOptions = {}): string {
  const uses = options.uses ?? DEFAULT_USES;
  const runsOn = options.runsOn ?? 'ubuntu-latest';
  const checkout = { uses: options.checkout ?? 'actions/checkout@v5' };
  const fixedMode = options.mode;
  const mode = fixedMode ?? expr(`inputs.mode || '${STANDARD}'`);
  const env = jobEnv(input);

  const dispatchInputs: Record<string, unknown> = {};
  if (!fixedMode) {
    dispatchInputs.mode = { description: 'standard, or a mode of the spec (its overlay shortens bakes and health windows)', type: 'choice', options: [STANDARD, ...input.modes.filter((m) => m !== STANDARD)], default: STANDARD };
  }
  dispatchInputs.version = { description: 'The version to roll out (default: the short commit sha)', type: 'string', required: false };
  const on: Record<string, unknown> = {};
  if ((options.trigger ?? 'push') === 'push') on.push = { branches: [options.defaultBranch ?? 'main'] };
  on.workflow_dispatch = { inputs: dispatchInputs };

  const jobs: Record<string, unknown> = {
    plan: {
      name: 'Plan',
      'runs-on': runsOn,
      ...(env ? { env } : {}),
      outputs: { plan: expr('steps.plan.outputs.plan'), stages: expr('steps.plan.outputs.stages') },
      steps: [checkout, { id: 'plan', uses, with: { command: 'plan', spec: input.specFile, mode, version: expr('inputs.version') } }],
    },
  };
  input.stages.forEach((stage, i) => {
    const previous = input.stages[i - 1];
    jobs[stageJobId(stage.name)] = {
      name: stage.label ?? `Stage ${i + 1}: ${stage.name} (${stage.regions.join(', ')})`,
      needs: previous ? ['plan', stageJobId(previous.name)] : ['plan'],
      // A skipped stage (a future overlay that skips one, or a condition a user adds) must not skip the rest;
      // a failed or cancelled one must stop them.
      ...(previous ? { if: expr('!failure() && !cancelled()') } : {}),
      'runs-on': runsOn,
      ...(stage.environment ? { environment: stage.environment } : {}),
      // Only the stage jobs touch Azure and GitHub deployments: OIDC for Azure, deployments for the record.
      permissions: { contents: 'read', deployments: 'write', 'id-token': 'write' },
      ...(env ? { env } : {}),
      steps: [
        checkout,
        {
          name: `Deploy stage ${stage.name}`,
          uses,
          with: {
            command: 'deploy',
            spec: input.specFile,
            stage: stage.name,
            plan: expr('needs.plan.outputs.plan'),
            mode,
            version: expr('inputs.version'),
            'client-id': expr('vars.AZURE_CLIENT_ID'),
            'tenant-id': expr('vars.AZURE_TENANT_ID'),
          },
        },
      ],
    };
  });

  const workflow = {
    name: `staged-rollout: ${input.name}${fixedMode ? ` (${fixedMode})` : ''}`,
    'run-name': `${input.name} ${fixedMode ?? expr(`inputs.mode || '${STANDARD}'`)} ${expr('inputs.version || github.sha')}`,
    on,
    // Two runs must never deploy at once, and a running rollout must never be cancelled halfway by a newer push:
    // the newer run waits (GitHub keeps one pending run per group; a third replaces the pending one).
    concurrency: { group: concurrencyGroup(input), 'cancel-in-progress': false },
    // Least privilege: the plan job reads the repository; stage jobs widen their own permissions.
    permissions: { contents: 'read' },
    jobs,
  };
  // No anchors: a reader of a workflow expects every job spelled out.
  const doc = new Document(workflow, { aliasDuplicateObjects: false });
  doc.commentBefore = header(input, options);
  comment(doc, ['jobs', 'plan'], ' Validates the spec and templates once; every stage job deploys exactly this plan.');
  input.stages.forEach((stage, i) => comment(doc, ['jobs', stageJobId(stage.name)], stageComment(input, i)));
  return doc.toString({ lineWidth: 0 });
}

function jobEnv(input: WorkflowInput): Record<string, string> | undefined {
  const entries = [
    ...input.env.vars.map((n) => [n, expr(`vars.${n}`)] as const),
    ...input.env.secrets.map((n) => [n, expr(`secrets.${n}`)] as const),
  ].sort(([a], [b]) => a.localeCompare(b));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function header(input: WorkflowInput, options: WorkflowOptions): string {
  const lines = [
    ` Generated by staged-rollout from ${input.specFile}${options.mode ? ` (mode ${options.mode})` : ''}; regenerate it when stages or`,
    ' environments change (`plan` warns when this file no longer matches the spec).',
    ' One job per stage, gated by its GitHub environment: reviewers and the wait timer (the previous stage\'s bake; see',
    ' `staged-rollout environments`) hold the job before it gets a runner.',
    ' Azure sign-in is OIDC: set the variables AZURE_CLIENT_ID and AZURE_TENANT_ID, and give the identity one federated',
    ' credential per environment, subject repo:OWNER/REPO:environment:NAME.',
  ];
  if (options.mode) {
    // Environments hold one wait timer for every run: a faster mode cannot shorten it, only an admin bypass can.
    lines.push(
      ` Mode ${options.mode}: the bakes below are this mode's, but each environment's wait timer (the standard bake) still`,
      ' holds every job; repository admins can bypass it where the environment allows admins to bypass its rules.',
    );
  }
  return lines.join('\n');
}

function stageComment(input: WorkflowInput, i: number): string {
  const stage = input.stages[i];
  const previous = input.stages[i - 1];
  const gate = stage.environment ? `Waits for environment ${stage.environment}` : 'No environment: nothing gates it';
  const bake = previous && previous.bakeMs > 0 ? ` (bake after ${previous.name}: ${formatDuration(previous.bakeMs)})` : '';
  return ` Stage ${i + 1}/${input.stages.length}: ${stage.label ?? stage.regions.join(', ')}. ${gate}${bake}.`;
}

function comment(doc: Document, path: string[], text: string): void {
  const parent = doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return;
  const pair = (parent as YAMLMap).items.find((p) => ((p as Pair<Scalar>).key as Scalar).value === path.at(-1));
  if (pair) ((pair as Pair<Scalar>).key as Scalar).commentBefore = text;
}
