import { readFileSync } from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// The public REST specification, validated with off-the-shelf tools: swagger-parser bundles the files, ajv validates.
export const SPEC_DIR = path.resolve(process.cwd(), '..', 'shared', 'reference', 'arm-rest-spec');

// CommonJS default export seen from ESM: the plugin function may sit on `.default`.
type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as unknown as FormatsPlugin;

const COMMON = '../../../../../../common-types/';

/**
 * The spec as one self-contained document: the common-types files it references are merged in under prefixed
 * names (`ct_v3_types_ErrorDetail`), so every `$ref` is internal and ajv can follow it.
 */
function localSpec(file: string): Record<string, any> {
  const doc = JSON.parse(readFileSync(path.join(SPEC_DIR, file), 'utf8'));
  doc.definitions ??= {};
  doc.parameters ??= {};
  const merged = new Set<string>();
  const prefixOf = (commonFile: string): string => `ct_${commonFile.replace(/^resource-management\//, '').replace(/\.json$/, '').replace(/\W/g, '_')}_`;
  const merge = (commonFile: string): void => {
    if (merged.has(commonFile)) return;
    merged.add(commonFile);
    const common = JSON.parse(readFileSync(path.join(SPEC_DIR, 'common-types', commonFile), 'utf8'));
    rewrite(common, commonFile);
    const prefix = prefixOf(commonFile);
    for (const [k, v] of Object.entries(common.definitions ?? {})) doc.definitions[prefix + k] = v;
    for (const [k, v] of Object.entries(common.parameters ?? {})) doc.parameters[prefix + k] = v;
  };
  function rewrite(v: unknown, fromCommon?: string): void {
    if (Array.isArray(v)) return v.forEach((x) => rewrite(x, fromCommon));
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    // Example files are test data here, not part of the schema (and five of them were not copied).
    delete o['x-ms-examples'];
    if (typeof o.$ref === 'string') {
      const [target, pointer] = o.$ref.split('#');
      let commonFile: string | undefined;
      if (target.startsWith(COMMON)) commonFile = target.slice(COMMON.length).replace(/^common-types\//, '');
      else if (target === '' && fromCommon) commonFile = fromCommon;
      else if (target !== '' && fromCommon) commonFile = path.posix.join(path.posix.dirname(fromCommon), target);
      if (commonFile) {
        const [, section, name] = pointer.split('/');
        o.$ref = `#/${section}/${prefixOf(commonFile)}${name}`;
        if (commonFile !== fromCommon) merge(commonFile);
      }
    }
    Object.values(o).forEach((x) => rewrite(x, fromCommon));
  }
  rewrite(doc);
  return doc;
}

export interface Spec {
  doc: Record<string, any>;
  /** Validator of the response schema of the operation that serves `method path` with `status` (or `default`). */
  responseValidator(method: string, requestPath: string, status: number): ValidateFunction | undefined;
}

export async function loadSpec(file: string, id: string): Promise<Spec> {
  const bundled = localSpec(file);
  // swagger-parser checks the document against the Swagger 2.0 schema and that every $ref resolves.
  await SwaggerParser.validate(structuredClone(bundled) as never);
  const ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true });
  addFormats(ajv);
  // ARM's own formats: ids and ISO durations with fractions (ajv-formats' duration has no fractional seconds).
  ajv.addFormat('arm-id', true);
  ajv.addFormat('duration', /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/);
  ajv.addFormat('unixtime', true);
  ajv.addSchema(bundled, id);
  const templates = Object.keys(bundled.paths).map((p) => ({
    p,
    re: new RegExp(`^${p.replace(/\{\+?scope\}/g, '(.*)').replace(/\{[^}]+\}/g, '[^/]+')}$`, 'i'),
    literal: p.replace(/\{[^}]+\}/g, '').length,
  }));
  const pointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
  return {
    doc: bundled,
    responseValidator(method, requestPath, status) {
      const m = method.toLowerCase();
      const match = templates
        .filter((t) => t.re.test(requestPath.replace(/^\/+/, '/')) && bundled.paths[t.p][m])
        .sort((a, b) => b.literal - a.literal)[0];
      if (!match) return undefined;
      const responses = bundled.paths[match.p][m].responses;
      const key = responses[String(status)] ? String(status) : 'default';
      if (!responses[key]?.schema) return undefined;
      return ajv.compile({ $ref: `${id}#/paths/${pointer(match.p)}/${m}/responses/${key}/schema` });
    },
  };
}

/** Keys of `example` (recursively) missing from `actual`: the shape check against the spec's examples. */
export function missingKeys(example: unknown, actual: unknown, ignore: (path: string) => boolean, at = ''): string[] {
  if (Array.isArray(example)) {
    if (!Array.isArray(actual)) return [at || '(root)'];
    if (example.length === 0 || actual.length === 0) return [];
    const a = actual[0] as Record<string, unknown>;
    const sameKind = example.find((e) => e && typeof e === 'object' && 'changeType' in e && (e as Record<string, unknown>).changeType === a?.changeType);
    return missingKeys(sameKind ?? example[0], a, ignore, `${at}[0]`);
  }
  if (example && typeof example === 'object') {
    if (!actual || typeof actual !== 'object') return [at || '(root)'];
    return Object.entries(example).flatMap(([k, v]) => {
      const p = at ? `${at}.${k}` : k;
      if (ignore(p)) return [];
      if (!(k in (actual as object))) return [p];
      return missingKeys(v, (actual as Record<string, unknown>)[k], ignore, p);
    });
  }
  if (example === null || actual === null) return [];
  return typeof example === typeof actual ? [] : [`${at} (${typeof example} vs ${typeof actual})`];
}
