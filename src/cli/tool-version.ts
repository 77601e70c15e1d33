import manifest from '../../package.json' with { type: 'json' };

/** The version of this package, from its package.json (bundled into dist/cli at build time). */
export function toolVersion(): string {
  return manifest.version;
}
