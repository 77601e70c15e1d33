// Lets Node 24 run the TypeScript sources directly (scripts, benchmarks): Node strips the types itself; this hook only
// maps the `.js` specifiers our sources use (as NodeNext wants) onto the `.ts` files beside them.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export async function resolve(specifier, context, next) {
  if (specifier.endsWith('.js') && (specifier.startsWith('.') || specifier.startsWith('/')) && context.parentURL) {
    const candidate = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (existsSync(fileURLToPath(candidate))) return next(candidate.href, context);
  }
  return next(specifier, context);
}
