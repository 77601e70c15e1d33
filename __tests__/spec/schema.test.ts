import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { specJsonSchema } from '../../src/spec/schema.js';
import { repoRoot } from '../helpers/run-action.js';

const committed = JSON.parse(readFileSync(path.join(repoRoot, 'schema', 'rollout.schema.json'), 'utf8'));

describe('schema/rollout.schema.json', () => {
  it('is what the validator\'s source generates (run `npm run schema` after changing src/spec/schema.ts)', () => {
    expect(committed).toEqual(specJsonSchema());
  });

  it('accepts the basic example and rejects a misspelt key, as the loader does', () => {
    const validate = new Ajv2020({ strict: false }).compile(committed);
    const spec = parse(readFileSync(path.join(repoRoot, 'examples', 'basic', 'rollout.yaml'), 'utf8'));
    expect(validate(spec)).toBe(true);
    expect(validate({ ...spec, stages: [{ ...spec.stages[0], bakeTime: '1h' }] })).toBe(false);
    expect(validate({ ...spec, stages: [{ ...spec.stages[0], bake: '1 hour' }] })).toBe(false);
  });
});
