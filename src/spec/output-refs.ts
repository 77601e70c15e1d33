import { asRecord } from './checks.js';
import { didYouMean, type SpecProblem } from './problems.js';
import type { PathKey, SpecSource } from './source.js';
import type { ResolvedStamp } from './types.js';

/**
 * Outputs of one stamp feeding another stamp's parameters: `{outputs.cluster.id}` (the cluster stamp of the same
 * region, or the global cluster) and `{outputs.app[*].fqdn}` (every region's app stamp, in stage order: a list).
 * Checked here against the components' `requires` and their templates' declared outputs; filled at deploy time
 * (src/plan/output-values.ts), when the outputs exist.
 */
export const OUTPUT_REF = /\{outputs\.([A-Za-z][\w-]*)(\[\*\])?\.([A-Za-z_][\w-]*)\}/g;
/** Any `{outputs...}` in a parameter, to catch the forms that are not references. */
const ANY_OUTPUTS = /\{outputs(?:[.[][^}]*)?\}/g;

export interface OutputRef {
  component: string;
  all: boolean;
  output: string;
}

export function refsIn(value: unknown): OutputRef[] {
  const found: OutputRef[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') for (const m of v.matchAll(OUTPUT_REF)) found.push({ component: m[1], all: m[2] !== undefined, output: m[3] });
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return found;
}

/**
 * Checks every output reference in the stamps' parameters and records, per stamp, the stamps whose outputs it takes
 * (`outputsFrom`). A reference must name a component the stamp requires (directly or through others), an output its
 * template declares, and `[*]` only from a global component to a per-region one, as the whole parameter value.
 */
export function checkOutputRefs(source: SpecSource, stamps: ResolvedStamp[], problems: SpecProblem[]): void {
  const byId = new Map(stamps.map((s) => [s.id, s]));
  const byComponent = new Map<string, ResolvedStamp[]>();
  for (const s of stamps) {
    const list = byComponent.get(s.component);
    if (list) list.push(s);
    else byComponent.set(s.component, [s]);
  }
  const required = (stamp: ResolvedStamp): Set<string> => {
    const seen = new Set<string>();
    const visit = (id: string): void => {
      for (const req of byId.get(id)?.requires ?? []) if (!seen.has(req)) (seen.add(req), visit(req));
    };
    visit(stamp.id);
    return seen;
  };
  const reported = new Set<string>();
  const report = (path: PathKey[], message: string, hint?: string): void => {
    const key = `${path.join('.')}|${message}`;
    if (reported.has(key)) return; // once per component, not once per region
    reported.add(key);
    problems.push(source.problem(path, message, hint));
  };
  for (const stamp of stamps) {
    const from: string[] = [];
    const upstream = required(stamp);
    for (const [param, p] of Object.entries(stamp.parameters)) {
      const path: PathKey[] = ['components', stamp.component, 'parameters', param];
      if (p.value === undefined) continue;
      const text = JSON.stringify(p.value);
      for (const m of text.matchAll(ANY_OUTPUTS)) {
        if (!new RegExp(OUTPUT_REF.source).test(m[0])) report(path, `${m[0]} is not an output reference`, 'write {outputs.COMPONENT.NAME}, or {outputs.COMPONENT[*].NAME} for every region\'s value as a list');
      }
      for (const ref of refsIn(p.value)) {
        const whole = `{outputs.${ref.component}${ref.all ? '[*]' : ''}.${ref.output}}`;
        const targets = byComponent.get(ref.component);
        if (!targets) {
          report(path, `${whole}: there is no component "${ref.component}"`, didYouMean(ref.component, [...byComponent.keys()]) ?? `components: ${[...byComponent.keys()].join(', ')}`);
          continue;
        }
        const perRegion = !targets[0].global;
        if (ref.all && (!perRegion || !stamp.global)) {
          report(path, `${whole}: [*] takes one value per region of a per-region component, into a global one`, perRegion ? `write {outputs.${ref.component}.${ref.output}} for the same region's value` : `${ref.component} is global: write {outputs.${ref.component}.${ref.output}}`);
          continue;
        }
        if (!ref.all && perRegion && stamp.global) {
          report(path, `${whole}: ${ref.component} is per-region, and ${stamp.component} is global`, `write {outputs.${ref.component}[*].${ref.output}} for a list of every region's value`);
          continue;
        }
        if (ref.all && typeof p.value === 'string' && p.value !== whole) {
          report(path, `${whole} is a list and must be the whole parameter value`, `write ${param}: "${whole}"`);
          continue;
        }
        const sources = ref.all ? targets : targets.filter((t) => t.global || t.region === stamp.region);
        if (!sources.every((t) => upstream.has(t.id))) {
          report(path, `${whole}: ${stamp.component} does not require ${ref.component}, so its outputs may not exist yet`, `add ${ref.component} to components.${stamp.component}.requires`);
          continue;
        }
        const declared = asRecord(targets[0].template.content.outputs) ?? {};
        const name = Object.keys(declared).find((k) => k.toLowerCase() === ref.output.toLowerCase());
        if (name === undefined) {
          report(path, `${whole}: template ${targets[0].template.path} declares no output "${ref.output}"`, didYouMean(ref.output, Object.keys(declared)) ?? `its outputs: ${Object.keys(declared).join(', ') || 'none'}`);
          continue;
        }
        const wants = parameterType(stamp, param);
        const gives = ref.all ? 'array' : typeof p.value === 'string' && p.value === whole ? String(asRecord(declared[name])?.type ?? '').toLowerCase().replace(/^secure/, '') : 'string';
        if (wants && gives && wants !== gives) {
          report(path, `${whole} gives ${gives === 'array' && ref.all ? 'a list (one value per region)' : `a ${gives}`}, and parameter "${param}" of ${stamp.template.path} is of type ${wants}`, 'make the template parameter\'s type match the output, or reference another output');
          continue;
        }
        for (const t of sources) if (!from.includes(t.id)) from.push(t.id);
      }
    }
    if (from.length > 0) stamp.outputsFrom = from;
  }
}

function parameterType(stamp: ResolvedStamp, param: string): string | undefined {
  const declared = asRecord(stamp.template.content.parameters) ?? {};
  const key = Object.keys(declared).find((k) => k.toLowerCase() === param.toLowerCase());
  const type = key === undefined ? undefined : asRecord(declared[key])?.type;
  return typeof type === 'string' ? type.toLowerCase().replace(/^secure/, '') : undefined;
}
