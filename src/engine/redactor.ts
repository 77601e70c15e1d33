/**
 * The one redactor every sink goes through: stdout and stderr, the journal, the job summary, outputs, annotations and
 * GitHub deployment payloads. It knows every secret value of the run (secure parameters, secure outputs, probe headers
 * from the environment, tokens) and replaces each in the forms it travels in: raw, URL-encoded, JSON-escaped (once and
 * twice: an ARM message quoting a value is JSON inside JSON by the time it is a journal line).
 */
import type { Deployer, Outputs } from './ports.js';
import { isSecureType } from '../plan/secure-type.js';

export const REDACTED = '***';
/** Shorter values would blank out ordinary text; no real secret is this short. */
const MIN_SECRET_LENGTH = 4;

export class Redactor {
  private readonly forms = new Set<string>();
  private pattern: RegExp | undefined;
  private readonly listeners: Array<(form: string) => void> = [];

  /** Adds a secret: a string, or any JSON value (a secureObject), whose string leaves are each secret too. */
  add(value: unknown): void {
    if (value === undefined || value === null) return;
    if (typeof value === 'object') {
      this.add(JSON.stringify(value));
      for (const leaf of Object.values(value as Record<string, unknown>)) this.add(leaf);
      return;
    }
    const raw = String(value);
    if (raw.length < MIN_SECRET_LENGTH) return;
    const once = JSON.stringify(raw).slice(1, -1);
    const twice = JSON.stringify(once).slice(1, -1);
    for (const form of [raw, encodeURIComponent(raw), encodeURIComponent(raw).replace(/%20/g, '+'), once, twice]) {
      if (form.length < MIN_SECRET_LENGTH || this.forms.has(form)) continue;
      this.forms.add(form);
      this.pattern = undefined;
      for (const listener of this.listeners) listener(form);
    }
  }

  /** Secure outputs (`secureString`, `secureObject`) of a deployment. */
  addOutputs(outputs: Outputs | undefined): void {
    for (const output of Object.values(outputs ?? {})) if (isSecureType(output.type)) this.add(output.value);
  }

  /** Called for every form known now and added later: the action masks each with `core.setSecret` too. */
  onSecret(listener: (form: string) => void): void {
    this.listeners.push(listener);
    for (const form of this.forms) listener(form);
  }

  redact(text: string): string {
    if (this.forms.size === 0 || text.length === 0) return text;
    // Longest first, so a value is replaced whole before any of its parts.
    this.pattern ??= new RegExp([...this.forms].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g');
    return text.replace(this.pattern, REDACTED);
  }

  /** A copy of a JSON value with every string in it (keys included) redacted. */
  redactValue<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.redactValue(v)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.redact(k), this.redactValue(v)])) as T;
    }
    return value;
  }
}

/** The Deployer, with every secure output it returns added to the redactor before anything can print it. */
export function watchSecureOutputs(deployer: Deployer, redactor: Redactor): Deployer {
  const seen = <T extends { outputs?: Outputs }>(d: T): T => {
    redactor.addOutputs(d.outputs);
    return d;
  };
  const watched: Deployer = {
    deploy: async (request, signal) => seen(await deployer.deploy(request, signal)),
    lastSuccessful: async (stamp, options, signal) => {
      const last = await deployer.lastSuccessful(stamp, options, signal);
      return last ? seen(last) : last;
    },
    rollback: async (stamp, previous, signal, tags) => seen(await deployer.rollback(stamp, previous, signal, tags)),
  };
  // The optional abilities pass through untouched: dropping one silently turns a feature off (preflight was lost so).
  if (deployer.preflight) watched.preflight = deployer.preflight.bind(deployer);
  if (deployer.remove) watched.remove = deployer.remove.bind(deployer);
  if (deployer.activeDeployments) watched.activeDeployments = deployer.activeDeployments.bind(deployer);
  return watched;
}

/** `{env.NAME}` values of probe headers: resolved at probe time, so taken from the same environment here. */
export function addProbeHeaderSecrets(redactor: Redactor, headers: Iterable<string>, env: Record<string, string | undefined>): void {
  for (const template of headers) {
    for (const match of template.matchAll(/\{env\.([A-Za-z_][A-Za-z0-9_]*)\}/g)) redactor.add(env[match[1]]);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
