// Writes schema/rollout.schema.json from the zod schema the loader validates with (npm run schema).
import { writeFileSync } from 'node:fs';
import { specJsonSchema } from '../src/spec/schema.js';

writeFileSync(new URL('../schema/rollout.schema.json', import.meta.url), `${JSON.stringify(specJsonSchema(), null, 2)}\n`);
