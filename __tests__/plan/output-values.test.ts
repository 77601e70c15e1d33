// fillOutputs on its own: whole-value placeholders keep the output's type, embedded ones become text, [*] takes every
// feeding stamp in order, names match in any case, and a missing output or feeder is named exactly.
import { describe, expect, it } from '@jest/globals';
import { fillOutputs, MissingOutput } from '../../src/plan/output-values.js';

const inputs = {
  'cluster@eastus': { Endpoint: { type: 'String', value: 'https://east' }, ports: { type: 'Array', value: [80, 443] } },
  'cluster@westus': { endpoint: { type: 'String', value: 'https://west' }, ports: { type: 'Array', value: [8080] } },
  'db@eastus': {},
};
const from = ['cluster@eastus', 'cluster@westus', 'db@eastus'];

describe('fillOutputs', () => {
  it('gives a whole-value placeholder the output itself, the first feeder\'s, or every feeder\'s with [*]', () => {
    expect(fillOutputs('{outputs.cluster.ports}', from, inputs)).toEqual([80, 443]);
    expect(fillOutputs('{outputs.cluster[*].endpoint}', from, inputs)).toEqual(['https://east', 'https://west']);
  });

  it('writes placeholders inside a longer string as text, strings as they are and the rest as JSON', () => {
    expect(fillOutputs('url={outputs.cluster.ENDPOINT}/x ports={outputs.cluster.ports} all={outputs.cluster[*].ports}', from, inputs)).toBe(
      'url=https://east/x ports=[80,443] all=[[80,443],[8080]]',
    );
    // A placeholder that only starts the value is text too, not the whole value.
    expect(fillOutputs('{outputs.cluster.ports}/x', from, inputs)).toBe('[80,443]/x');
    expect(fillOutputs('{outputs.cluster[*].endpoint} ', from, inputs)).toBe('["https://east","https://west"] ');
  });

  it('fills inside arrays and objects, and leaves other values alone', () => {
    expect(fillOutputs({ a: ['{outputs.cluster.endpoint}', 3, null], b: { c: true } }, from, inputs)).toEqual({ a: ['https://east', 3, null], b: { c: true } });
    expect(fillOutputs(null, from, inputs)).toBeNull();
    expect(fillOutputs('no placeholder', from, inputs)).toBe('no placeholder');
  });

  it('names the stamp and the outputs it has when one is missing, and a component that feeds nothing', () => {
    expect(() => fillOutputs('{outputs.cluster.nope}', from, inputs)).toThrow(
      new MissingOutput('{outputs.cluster.nope}: stamp cluster@eastus has no output "nope" (its outputs: Endpoint, ports); deploy it first'),
    );
    expect(() => fillOutputs('x {outputs.db.id}', from, inputs)).toThrow(new MissingOutput('{outputs.db.id}: stamp db@eastus has no output "id" (its outputs: none); deploy it first'));
    expect(() => fillOutputs('{outputs.cache.id}', from, inputs)).toThrow(new MissingOutput('{outputs.cache.id}: no stamp of cache feeds this one'));
    expect(() => fillOutputs('{outputs.cluster.id}', ['cluster@northeurope'], inputs)).toThrow('{outputs.cluster.id}: stamp cluster@northeurope has no output "id" (its outputs: none); deploy it first');
    const caught = ((): unknown => {
      try {
        fillOutputs('{outputs.cache.id}', from, inputs);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(caught).toBeInstanceOf(MissingOutput);
    expect((caught as Error).name).toBe('MissingOutput');
  });
});
