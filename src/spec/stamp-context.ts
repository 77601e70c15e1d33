import type { SpecFiles } from './files.js';
import type { InterpolationScope } from './interpolate.js';
import type { SpecProblem } from './problems.js';
import type { RawComponent, RawOverlay } from './schema.js';
import type { SpecSource } from './source.js';

/** What resolving the stamps of a spec shares: the spec's text, its files, the regions and stages, and what it found. */
export interface StampContext {
  source: SpecSource;
  files: SpecFiles;
  scope: Omit<InterpolationScope, 'region' | 'component'>;
  overlay: RawOverlay | undefined;
  subscription: string | undefined;
  /** Region -> its attributes, in declaration order. */
  regions: Map<string, Record<string, string | number | boolean>>;
  /** Region -> stage name; stages in order. */
  stageOf: Map<string, string>;
  stageNames: string[];
  problems: SpecProblem[];
  secrets: Set<string>;
  /** `path|value` of resolved values already found invalid: one problem per distinct value, not one per region. */
  reported?: Set<string>;
}

/**
 * The component with the keys the schema refused left out, so that one wrong key does not switch off the checks of
 * all the others (template, parameters, interpolation). The schema pass has reported the refused keys already.
 */
export type LenientComponent = Omit<RawComponent, 'template'> & { template?: string };
