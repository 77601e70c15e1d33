import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';

/**
 * Faults are rules: a match (which stamps) plus a kind (what goes wrong). Every field of the match that is set must
 * equal (case-insensitively) the subject's; `times` (alias `count`) makes a rule apply to only that many events.
 */
const match = {
  region: z.string().optional(),
  resourceGroup: z.string().optional(),
  subscription: z.string().optional(),
  version: z.string().optional(),
  deploymentName: z.string().optional(),
  /** ARM request faults only: substring of the URL path, and the HTTP method. */
  path: z.string().optional(),
  method: z.string().optional(),
  times: z.number().int().positive().optional(),
  count: z.number().int().positive().optional(),
  id: z.string().optional(),
  note: z.string().optional(),
};
const detail = z.object({ code: z.string(), message: z.string(), target: z.string().optional() });
const ms = z.number().nonnegative();

export const faultRuleSchema = z.discriminatedUnion('kind', [
  /** The deployment ends Failed with this code and message (as a resource operation's error, wrapped in DeploymentFailed unless `wrap: false`). */
  z.object({ ...match, kind: z.literal('deploymentFails'), code: z.string().min(1), message: z.string().min(1), details: z.array(detail).optional(), statusCode: z.string().optional(), wrap: z.boolean().optional() }),
  /** The deployment takes this long (virtual time when the sim runs on a VirtualClock). */
  z.object({ ...match, kind: z.literal('deploymentTakes'), durationMs: ms }),
  /** The deployment stays Running until it is canceled (or its resource group deleted). */
  z.object({ ...match, kind: z.literal('deploymentHangs') }),
  /** validate and PUT answer 400 InvalidTemplateDeployment with this preflight error. */
  z.object({ ...match, kind: z.literal('validationFails'), code: z.string().min(1), message: z.string().min(1), target: z.string().optional() }),
  /** The stamp app answers `status` (default 500), from `afterMs` after it started (a stamp that turns unhealthy). */
  z.object({ ...match, kind: z.literal('healthFails'), status: z.number().int().min(100).max(599).optional(), afterMs: ms.optional(), body: z.string().optional() }),
  /** The stamp app answers after `delayMs` (on the sim's clock). */
  z.object({ ...match, kind: z.literal('healthSlow'), delayMs: ms, afterMs: ms.optional() }),
  /** The stamp app alternates healthy / failing every `periodMs` (default 30 s), from `afterMs` after it started. */
  z.object({ ...match, kind: z.literal('healthFlaps'), periodMs: z.number().positive().optional(), afterMs: ms.optional(), status: z.number().int().min(100).max(599).optional() }),
  /** ARM requests get their connection destroyed without an answer. */
  z.object({ ...match, kind: z.literal('requestRefused') }),
  /** ARM requests get a TCP reset. */
  z.object({ ...match, kind: z.literal('requestReset') }),
  /** ARM requests answer this 5xx (default 500 InternalServerError) without acting; with `path: '/cancel'`, a cancel that fails. */
  z.object({ ...match, kind: z.literal('serverError'), status: z.number().int().min(500).max(599).optional(), code: z.string().optional(), message: z.string().optional() }),
  /** ARM requests answer 404 without acting: an operation status ARM no longer keeps, a resource gone meanwhile. */
  z.object({ ...match, kind: z.literal('notFound'), code: z.string().optional(), message: z.string().optional() }),
  /** ARM requests are read and never answered (the connection stays open until the client gives up); `afterAct`: ARM acts on it first. */
  z.object({ ...match, kind: z.literal('requestHangs'), afterAct: z.boolean().optional() }),
  /** ARM acts on the request (a PUT takes effect), then the connection is reset instead of the answer. */
  z.object({ ...match, kind: z.literal('answerLost') }),
  /** ARM requests answer 401 ExpiredAuthenticationToken (with `times: 1`, once: a refreshed token then passes). */
  z.object({ ...match, kind: z.literal('authExpired') }),
  /** ARM requests answer 429 SubscriptionRequestsThrottled (on top of the real token bucket), or a provider's own code. */
  z.object({ ...match, kind: z.literal('throttle'), retryAfterSeconds: z.number().int().nonnegative().optional(), operation: z.enum(['read', 'write', 'delete']).optional(), code: z.string().min(1).optional() }),
]);

export type FaultRule = z.infer<typeof faultRuleSchema>;
export type FaultKind = FaultRule['kind'];
export type FaultOf<K extends FaultKind> = Extract<FaultRule, { kind: K }>;

/** What a fault is matched against. `region` lists every region the event touches. */
export interface FaultSubject {
  region?: string[];
  resourceGroup?: string;
  subscription?: string;
  version?: string;
  deploymentName?: string;
  path?: string;
  method?: string;
  operation?: 'read' | 'write' | 'delete';
}

export function parseFaultRules(input: unknown): FaultRule[] {
  const list = Array.isArray(input) ? input : [input];
  return list.map((r, i) => {
    const parsed = faultRuleSchema.safeParse(r);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`fault rule ${i}: ${issue.path.join('.') || '(rule)'}: ${issue.message}`);
    }
    return parsed.data;
  });
}

const eq = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

export function matches(rule: FaultRule, s: FaultSubject): boolean {
  if (rule.region !== undefined && !(s.region ?? []).some((r) => eq(r.replace(/\s+/g, ''), rule.region!.replace(/\s+/g, '')))) return false;
  if (rule.resourceGroup !== undefined && !eq(rule.resourceGroup, s.resourceGroup)) return false;
  if (rule.subscription !== undefined && !eq(rule.subscription, s.subscription)) return false;
  if (rule.version !== undefined && !eq(rule.version, s.version)) return false;
  if (rule.deploymentName !== undefined && !eq(rule.deploymentName, s.deploymentName)) return false;
  if (rule.method !== undefined && !eq(rule.method, s.method)) return false;
  if (rule.path !== undefined && !(s.path ?? '').toLowerCase().includes(rule.path.toLowerCase())) return false;
  if (rule.kind === 'throttle' && rule.operation !== undefined && rule.operation !== s.operation) return false;
  return true;
}

interface Entry {
  rule: FaultRule & { id: string };
  remaining: number;
}

/** Rules added in code or over the control API, plus those of an optional JSON file (re-read when it changes). */
export class FaultStore {
  private entries: Entry[] = [];
  private fileEntries: Entry[] = [];
  private seq = 0;
  private readonly file?: string;
  private fileStamp = '';
  private readonly warn: (msg: string) => void;

  constructor(initial: FaultRule[] = [], file?: string, warn: (msg: string) => void = (m) => process.stderr.write(`${m}\n`)) {
    this.file = file;
    this.warn = warn;
    for (const r of parseFaultRules(initial)) this.add(r);
  }

  add(rule: FaultRule): string {
    const [parsed] = parseFaultRules(rule);
    const id = parsed.id ?? `fault-${++this.seq}`;
    if (this.entries.some((e) => e.rule.id === id)) throw new Error(`fault id '${id}' is already in use`);
    this.entries.push({ rule: { ...parsed, id }, remaining: parsed.times ?? parsed.count ?? Number.POSITIVE_INFINITY });
    return id;
  }

  remove(id: string): boolean {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.rule.id !== id);
    return this.entries.length !== before;
  }

  clear(): void {
    this.entries = [];
  }

  list(): (FaultRule & { id: string; remaining?: number })[] {
    this.reloadFile();
    return [...this.fileEntries, ...this.entries].map((e) => (Number.isFinite(e.remaining) ? { ...e.rule, remaining: e.remaining } : { ...e.rule }));
  }

  /** The first live rule of one of `kinds` that matches; using it counts against its `times`. */
  take<K extends FaultKind>(kinds: K[], subject: FaultSubject, when?: (rule: FaultOf<K>) => boolean): FaultOf<K> | undefined {
    this.reloadFile();
    for (const e of [...this.fileEntries, ...this.entries]) {
      if (e.remaining <= 0 || !kinds.includes(e.rule.kind as K) || !matches(e.rule, subject)) continue;
      if (when && !when(e.rule as FaultOf<K>)) continue;
      e.remaining--;
      return e.rule as FaultOf<K>;
    }
    return undefined;
  }

  private reloadFile(): void {
    if (!this.file) return;
    let stamp: string;
    try {
      const st = statSync(this.file);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      stamp = 'missing';
    }
    if (stamp === this.fileStamp) return;
    this.fileStamp = stamp;
    if (stamp === 'missing') {
      this.fileEntries = [];
      return;
    }
    try {
      const rules = parseFaultRules(JSON.parse(readFileSync(this.file, 'utf8')));
      this.fileEntries = rules.map((r, i) => ({ rule: { ...r, id: r.id ?? `file-${i + 1}` }, remaining: r.times ?? r.count ?? Number.POSITIVE_INFINITY }));
    } catch (err) {
      // A half-written file must not wipe the faults in force; keep the last good set and say why.
      this.warn(`staged-rollout sim: ignoring faults file ${this.file}: ${(err as Error).message}`);
    }
  }
}
