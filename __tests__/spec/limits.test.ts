import { describe, expect, it } from '@jest/globals';
import { checkLimits, MAX_WAIT_MS } from '../../src/spec/limits.js';
import { formatProblem } from '../../src/spec/problems.js';
import { SpecSource } from '../../src/spec/source.js';

const problems = (yaml: string): string[] => checkLimits(new SpecSource('s.yaml', yaml)).map(formatProblem);
const TOO_LONG = "(at most 30d (GitHub's environment wait timers go up to 43,200 minutes); split a longer soak into stages)";

describe('checkLimits', () => {
  it('30 days is the longest wait: exactly 30d passes, a second more does not', () => {
    expect(MAX_WAIT_MS).toBe(2_592_000_000);
    expect(problems('stages:\n  - { name: one, bake: 30d }\n  - { name: two, bake: 720h }\n')).toEqual([]);
    expect(problems('stages:\n  - { name: one, bake: 30d1s }\n')).toEqual([`s.yaml:2:24: stages[0].bake: a bake of 30d1s is longer than the 30 days staged-rollout can wait ${TOO_LONG}`]);
  });

  it('every wait of a component\'s health check, each by its own name', () => {
    const yaml = 'components:\n  app:\n    health: { interval: 31d, timeout: 32d, wait: 33d, within: 34d, healthyFor: 35d, expect: { maxLatency: 36d } }\n  db:\n    health: { interval: 10s }\n';
    expect(problems(yaml)).toEqual([
      `s.yaml:3:25: components.app.health.interval: health interval of 31d is longer than the 30 days staged-rollout can wait ${TOO_LONG}`,
      `s.yaml:3:39: components.app.health.timeout: health timeout of 32d is longer than the 30 days staged-rollout can wait ${TOO_LONG}`,
      `s.yaml:3:50: components.app.health.wait: health wait of 33d is longer than the 30 days staged-rollout can wait ${TOO_LONG}`,
      `s.yaml:3:63: components.app.health.within: health within of 34d is longer than the 30 days staged-rollout can wait ${TOO_LONG}`,
      `s.yaml:3:80: components.app.health.healthyFor: health healthyFor of 35d is longer than the 30 days staged-rollout can wait ${TOO_LONG}`,
      `s.yaml:3:107: components.app.health.expect.maxLatency: maxLatency of 36d is longer than the 30 days staged-rollout can wait ${TOO_LONG}`,
    ]);
  });

  it('a mode\'s bake, its health waits and its per-stage bakes', () => {
    const yaml = 'modes:\n  slow:\n    bake: 40d\n    health: { within: 41d }\n    stages: { one: { bake: 42d }, two: { bake: 1h } }\n';
    expect(problems(yaml)).toEqual([
      `s.yaml:3:11: modes.slow.bake: a bake of 40d is longer than the 30 days staged-rollout can wait ${TOO_LONG}`,
      `s.yaml:4:23: modes.slow.health.within: health within of 41d is longer than the 30 days staged-rollout can wait ${TOO_LONG}`,
      `s.yaml:5:28: modes.slow.stages.one.bake: a bake of 42d is longer than the 30 days staged-rollout can wait ${TOO_LONG}`,
    ]);
  });

  it('a mode may not be called standard: that is the spec without any mode', () => {
    expect(problems('modes:\n  standard: { bake: 0s }\n  hotfix: { bake: 0s }\n')).toEqual([
      's.yaml:2:3: modes.standard: "standard" is the spec without any mode; a mode cannot take its name (rename the mode (e.g. hotfix, slow), or put these values in the spec itself)',
    ]);
  });

  it('what is not a duration string is the schema\'s to report: numbers, unparsable text, wrong shapes', () => {
    expect(problems('stages:\n  - { name: one, bake: 99999999999 }\n  - { name: two, bake: forever }\n  - 3\n')).toEqual([]);
    expect(problems('components:\n  app: 5\n  db: { health: [] }\n  web: { health: { expect: 3 } }\nmodes:\n  slow: 3\n  fast: { stages: [], health: 2 }\n')).toEqual([]);
    expect(problems('stages: { one: { bake: 40d } }\n')).toEqual([]);
    expect(problems('- a list\n')).toEqual([]);
  });
});
