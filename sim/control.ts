import type { SimCore } from './core.js';
import { parseFaultRules } from './faults.js';
import type { RequestLogEntry } from './server.js';

export interface ControlDeps {
  core: SimCore;
  log: RequestLogEntry[];
  caFile: string;
}

/**
 * `/_sim/...`: steering a standalone sim from another process (a rehearsal, a demo, a shell). No auth: the server
 * listens on loopback only.
 */
export function control(deps: ControlDeps, method: string, path: string, body: unknown): { status: number; body?: unknown } {
  const { core, log } = deps;
  const parts = path.split('/').filter(Boolean).slice(1);
  const [what, id] = parts;
  const bad = (message: string): { status: number; body: unknown } => ({ status: 400, body: { error: { code: 'InvalidSimControlRequest', message } } });
  switch (`${method} ${what ?? ''}${id !== undefined ? '/:id' : ''}`) {
    case 'GET info':
      return { status: 200, body: { endpoint: core.endpoint, caFile: deps.caFile } };
    case 'GET faults':
      return { status: 200, body: core.faults.list() };
    case 'POST faults': {
      try {
        const rules = parseFaultRules(body);
        return { status: 201, body: { ids: rules.map((r) => core.faults.add(r)) } };
      } catch (err) {
        return bad((err as Error).message);
      }
    }
    case 'DELETE faults':
      core.faults.clear();
      return { status: 204 };
    case 'DELETE faults/:id':
      return core.faults.remove(decodeURIComponent(id!)) ? { status: 204 } : { status: 404, body: { error: { code: 'FaultNotFound', message: `No fault '${id}'.` } } };
    case 'GET requests':
      return { status: 200, body: log };
    case 'DELETE requests':
      log.length = 0;
      return { status: 204 };
    case 'GET apps':
      return { status: 200, body: core.apps.list() };
    case 'POST linkedTemplates': {
      const b = body as { uri?: unknown; template?: unknown } | undefined;
      if (typeof b?.uri !== 'string' || typeof b.template !== 'object' || b.template === null) return bad('expected {"uri": "...", "template": {...}}');
      core.options.linkedTemplates.set(b.uri, b.template);
      return { status: 204 };
    }
    default:
      return { status: 404, body: { error: { code: 'NotFound', message: `Unknown control request ${method} ${path}. Try GET /_sim/info, /_sim/faults, /_sim/requests, /_sim/apps.` } } };
  }
}
