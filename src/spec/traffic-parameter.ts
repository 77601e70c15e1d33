import { asRecord } from './checks.js';

/**
 * The traffic component's origins parameter gets its value per weight step, from the controller, never from the
 * spec. An empty list stands in for it while the spec is checked, so "has no value" is not reported for it.
 */
export function withTrafficPlaceholder(data: Record<string, unknown>): Record<string, unknown> {
  const components = asRecord(data.components) ?? {};
  const traffic = asRecord(data.traffic);
  const name = typeof traffic?.component === 'string' ? traffic.component : undefined;
  const component = name === undefined ? undefined : asRecord(components[name]);
  if (!asRecord(data.releaseUnits) || !component) return components;
  const parameter = typeof traffic?.parameter === 'string' ? traffic.parameter : 'origins';
  const parameters = { ...(asRecord(component.parameters) ?? {}), [parameter]: [] };
  return { ...components, [name!]: { ...component, parameters } };
}
