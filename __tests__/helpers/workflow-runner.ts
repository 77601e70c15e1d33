import { parse } from 'yaml';
import type { ArmSim } from '../../sim/index.js';
import type { GitHubSim } from '../../sim/github/index.js';
import { specShape } from '../../src/commands/workflow.js';
import { generateWorkflow } from '../../src/github/workflow/generate.js';
import { repoRoot, runAction, type ActionRun } from './run-action.js';

interface Job {
  id: string;
  needs: string[];
  with: Record<string, string>;
}

/**
 * Runs the jobs of the workflow generated from a spec as the runner would: in `needs` order, each a separate
 * `node dist/index.js` with its own INPUT_* and GITHUB_* files and RUNNER_TEMP. Jobs share nothing but what the
 * workflow passes (the plan job's outputs, dispatch inputs) and the two endpoints: ARM's and GitHub's.
 */
export class WorkflowRunner {
  readonly jobs: Job[];
  readonly runs = new Map<string, ActionRun>();
  private readonly arm: ArmSim;
  private readonly github: GitHubSim;
  private readonly dispatch: Record<string, string>;
  private readonly sha: string;

  constructor(spec: string, arm: ArmSim, github: GitHubSim, options: { dispatch?: Record<string, string>; sha?: string } = {}) {
    this.arm = arm;
    this.github = github;
    this.dispatch = options.dispatch ?? {};
    this.sha = options.sha ?? 'c0ffee0000000000000000000000000000000001';
    const workflow = parse(generateWorkflow(specShape(spec, repoRoot), { uses: './' })) as { jobs: Record<string, { needs?: string[]; steps: { uses?: string; with?: Record<string, string> }[] }> };
    this.jobs = Object.entries(workflow.jobs).map(([id, job]) => ({ id, needs: job.needs ?? [], with: job.steps.find((s) => s.uses === './')!.with! }));
  }

  /** Runs one job; `override` changes inputs as a person re-running it with other values would. */
  async run(jobId: string, override: Record<string, string> = {}, env: Record<string, string> = {}): Promise<ActionRun> {
    const job = this.jobs.find((j) => j.id === jobId);
    if (!job) throw new Error(`no job ${jobId}`);
    const inputs: Record<string, string> = {
      token: 'github-token', // action.yml's default, ${{ github.token }}
      'arm-endpoint': this.arm.endpoint,
      'arm-ca': this.arm.caFile,
    };
    for (const [key, value] of Object.entries(job.with)) inputs[key] = this.evaluate(String(value));
    const run = await runAction({ ...inputs, ...override }, { GITHUB_API_URL: this.github.url, GITHUB_SHA: this.sha, ...env });
    this.runs.set(jobId, run);
    return run;
  }

  /** The expressions the generated workflow uses, evaluated as GitHub would for this run. */
  private evaluate(value: string): string {
    return value.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
      const need = /^needs\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
      if (need) return this.runs.get(need[1])?.outputs[need[2]] ?? '';
      const input = /^inputs\.([\w-]+)(?:\s*\|\|\s*'([^']*)')?$/.exec(expression);
      if (input) return this.dispatch[input[1]] || input[2] || '';
      if (/^vars\./.test(expression)) return '';
      throw new Error(`the test runner cannot evaluate \${{ ${expression} }}`);
    });
  }
}
