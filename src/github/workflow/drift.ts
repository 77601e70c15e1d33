import { parse } from 'yaml';
import { concurrencyGroup, generateWorkflow, STANDARD, type WorkflowOptions } from './generate.js';
import type { WorkflowInput } from './input.js';

/** What a workflow does with the spec, whatever else it holds (runners, extra steps, names are a user's business). */
interface Shape {
  planJob: boolean;
  /** Stage name -> its job, in file order. */
  stages: Map<string, { job: string; environment?: string; needs: string[]; spec?: string }>;
  /** The choice options of the dispatch `mode` input, if it has one. */
  modes?: string[];
  concurrency?: string;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

function shapeOf(text: string): Shape {
  const doc = obj(parse(text));
  const shape: Shape = { planJob: false, stages: new Map() };
  for (const [job, raw] of Object.entries(obj(doc.jobs))) {
    const j = obj(raw);
    for (const step of list(j.steps)) {
      const w = obj(obj(step).with);
      if (w.command === 'plan') shape.planJob = true;
      if (w.command === 'deploy' && typeof w.stage === 'string') {
        const env = typeof j.environment === 'string' ? j.environment : (obj(j.environment).name as string | undefined);
        shape.stages.set(w.stage, { job, environment: env, needs: list(j.needs).map(String), spec: typeof w.spec === 'string' ? w.spec : undefined });
      }
    }
  }
  const mode = obj(obj(obj(obj(doc.on).workflow_dispatch).inputs).mode);
  if (Array.isArray(mode.options)) shape.modes = mode.options.map(String);
  const c = doc.concurrency;
  shape.concurrency = typeof c === 'string' ? c : (obj(c).group as string | undefined);
  return shape;
}

/**
 * What a committed workflow no longer does that the spec asks for, one sentence each; empty when it matches. Compares
 * meaning, not bytes: stage jobs, their environments and order, the spec they deploy, the modes offered, the
 * concurrency group. For `plan` to warn (or fail with strict: true).
 */
export function workflowDrift(committedText: string, input: WorkflowInput, options: WorkflowOptions = {}): string[] {
  let have: Shape;
  try {
    have = shapeOf(committedText);
  } catch (error) {
    return [`the workflow is not valid YAML: ${(error as Error).message.split('\n')[0]}`];
  }
  const want = shapeOf(generateWorkflow(input, options));
  const out: string[] = [];
  if (!have.planJob) out.push('no job runs the action with command: plan, so the stage jobs have no plan to deploy');
  input.stages.forEach((stage, i) => {
    const job = have.stages.get(stage.name);
    const env = stage.environment ?? 'none';
    if (!job) return out.push(`stage ${stage.name} (environment ${env}) has no job`);
    if ((job.environment ?? 'none') !== env) out.push(`job ${job.job} deploys stage ${stage.name} in environment ${job.environment ?? 'none'}; the spec says ${env}`);
    const previous = input.stages[i - 1];
    const previousJob = previous && have.stages.get(previous.name)?.job;
    if (previousJob && !job.needs.includes(previousJob)) {
      out.push(`job ${job.job} (stage ${stage.name}) does not wait for job ${previousJob} (stage ${previous.name}); add it to needs`);
    }
    if (job.spec !== undefined && job.spec !== input.specFile) out.push(`job ${job.job} deploys the spec ${job.spec}; this spec is ${input.specFile}`);
  });
  for (const [stage, job] of have.stages) {
    if (!input.stages.some((s) => s.name === stage)) out.push(`job ${job.job} deploys stage ${stage}, which the spec does not have`);
  }
  if (want.modes && have.modes) {
    const missing = want.modes.filter((m) => !have.modes!.includes(m));
    const extra = have.modes.filter((m) => m !== STANDARD && !want.modes!.includes(m));
    if (missing.length > 0) out.push(`the dispatch mode choice lacks ${missing.join(', ')}, which the spec defines`);
    if (extra.length > 0) out.push(`the dispatch mode choice offers ${extra.join(', ')}, which the spec does not define`);
  }
  if (have.concurrency !== concurrencyGroup(input)) {
    out.push(`the workflow's concurrency group is ${have.concurrency ?? 'missing'}; ${concurrencyGroup(input)} keeps two runs from deploying at once`);
  }
  return out;
}
