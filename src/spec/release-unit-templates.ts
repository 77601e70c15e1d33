import { asRecord } from './checks.js';
import { didYouMean, type SpecProblem } from './problems.js';
import type { SpecSource } from './source.js';
import type { ResolvedStamp } from './types.js';
import { ORIGIN_GROUP_OUTPUT, type ReleaseUnitPlan } from '../plan/release-units.js';

/**
 * What Front Door needs of the release-unit templates, checked before anything deploys: without it a release
 * deployed its unit (and the traffic component) and only then failed, when the first traffic step looked for an output
 * the template never had. Each unit component's template names its origin host in `traffic.hostOutput`, and the
 * traffic component's template gives back the origin group's id.
 */
export function checkReleaseUnitTemplates(source: SpecSource, stamps: ResolvedStamp[], units: ReleaseUnitPlan, problems: SpecProblem[]): void {
  const templateOf = (component: string): ResolvedStamp['template'] | undefined => stamps.find((s) => s.component === component)?.template;
  const hostOutputNamed = asRecord(asRecord(source.data)?.traffic)?.hostOutput !== undefined;
  for (const component of units.components) {
    const template = templateOf(component);
    if (!template) continue;
    const outputs = declaredOutputs(template);
    // Exact names: the controller reads the deployment's outputs by them (ARM keeps the case the template declares).
    if (outputs.includes(units.traffic.hostOutput)) continue;
    problems.push(
      source.problem(
        hostOutputNamed ? ['traffic', 'hostOutput'] : ['components', component, 'template'],
        `template ${template.path} of unit component "${component}" declares no output "${units.traffic.hostOutput}": Front Door needs it as the host name of the unit's origin`,
        `add an output ${units.traffic.hostOutput} holding the host name the unit serves on, or name another output in traffic.hostOutput${outputs.length > 0 ? `: ${didYouMean(units.traffic.hostOutput, outputs) ?? `one of ${outputs.join(', ')}`}` : ''}`,
      ),
    );
  }
  const traffic = templateOf(units.traffic.component);
  const trafficOutputs = traffic ? declaredOutputs(traffic) : [];
  if (traffic && !trafficOutputs.includes(ORIGIN_GROUP_OUTPUT)) {
    problems.push(
      source.problem(
        ['components', units.traffic.component, 'template'],
        `template ${traffic.path} of the traffic component declares no output "${ORIGIN_GROUP_OUTPUT}": each traffic step re-weights the origins of that origin group`,
        didYouMean(ORIGIN_GROUP_OUTPUT, trafficOutputs) ?? `add an output ${ORIGIN_GROUP_OUTPUT} with the resource id of the Front Door origin group that holds the units' origins`,
      ),
    );
  }
}

function declaredOutputs(template: ResolvedStamp['template']): string[] {
  return Object.keys(asRecord(template.content.outputs) ?? {});
}
