// A stage job checks the plan it was given (the plan job's output) against the spec it reads: one rollout, one spec,
// one mode, or it refuses before anything is deployed, saying what differs.
import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/commands/plan.js';
import { checkGivenPlan, GateRefusal } from '../../src/github/stage-gate.js';
import type { Plan } from '../../src/plan/types.js';
import { makePlan, regionStamps } from '../engine/fakes.js';

const planned = makePlan([{ name: 'canary', stamps: regionStamps('eastus') }]);
const current: Plan = { ...planned, rollout: { ...planned.rollout, specHash: 'fedcba9876543210aa' } };
const given = (change: (p: Plan) => unknown = (p) => p): string => JSON.stringify(change(structuredClone(current)));
const refusal = (text: string | undefined): string | undefined => {
  try {
    checkGivenPlan(text, current);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(GateRefusal);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ name: 'GateRefusal' });
    return (error as Error).message;
  }
};

describe('checkGivenPlan', () => {
  it('accepts no plan (a job run on its own) and the very plan of this spec', () => {
    expect(refusal(undefined)).toBeUndefined();
    expect(refusal('')).toBeUndefined();
    expect(refusal(given())).toBeUndefined();
  });

  it('refuses text that is not JSON, and JSON that is not a plan of format 1', () => {
    expect(refusal('{not json')).toBe("input plan is not the JSON of a plan: pass the plan job's output, plan: ${{ needs.plan.outputs.plan }}");
    const notPlan = "input plan is not a staged-rollout plan (formatVersion 1): pass the plan job's output";
    expect(refusal('null')).toBe(notPlan);
    expect(refusal('{}')).toBe(notPlan);
    expect(refusal(given((p) => ({ ...p, formatVersion: 2 })))).toBe(notPlan);
    expect(refusal(given((p) => ({ ...p, rollout: undefined })))).toBe(notPlan);
  });

  it('names each difference: the rollout, the spec hash (12 characters of each), the mode', () => {
    const tail = '. Re-run the whole workflow so that plan and stages come from one commit and one set of inputs.';
    const head = 'the plan this job was given does not match the spec it reads: ';
    expect(refusal(given((p) => ({ ...p, rollout: { ...p.rollout, id: 'contoso@1.9.0' } })))).toBe(`${head}it is for contoso@1.9.0, this job rolls out contoso@2.0.0${tail}`);
    expect(refusal(given((p) => ({ ...p, rollout: { ...p.rollout, specHash: 'abcdef0123456789ff' } })))).toBe(
      `${head}it was made from another spec or templates (spec hash abcdef012345, here fedcba987654)${tail}`,
    );
    expect(refusal(given((p) => ({ ...p, rollout: { ...p.rollout, mode: 'hotfix' } })))).toBe(`${head}it is for mode hotfix, this job runs mode standard${tail}`);
    expect(refusal(given((p) => ({ ...p, rollout: { ...p.rollout, id: 'x@1', mode: 'hotfix' } })))).toBe(`${head}it is for x@1, this job rolls out contoso@2.0.0; it is for mode hotfix, this job runs mode standard${tail}`);
  });
});
