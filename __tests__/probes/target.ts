import type { ProbeTarget } from '../../src/probes/types.js';
import { stamp } from '../engine/fakes.js';

/** The stamp the probe tests probe: app@eastus of contoso@2.0.0, its `endpoint` output at `endpoint`. */
export const probeTarget = (endpoint: string, extra: ProbeTarget['outputs'] = {}): ProbeTarget => ({
  stamp: stamp('app@eastus', { region: 'eastus' }),
  outputs: { endpoint: { type: 'String', value: endpoint }, ...extra },
  rollout: { id: 'contoso@2.0.0', version: '2.0.0', mode: 'standard' },
});
