/**
 * A spec problem is something a person must fix before anything is deployed. Each one names the file, line and
 * column, and carries a hint where one helps. Problems are collected in one pass and reported together.
 */
export interface SpecProblem {
  file: string;
  line: number;
  col: number;
  /** Dotted path of the offending key, e.g. `stages[1].regions[0]`, when there is one. */
  path?: string;
  message: string;
  hint?: string;
}

export function formatProblem(p: SpecProblem): string {
  const where = p.path ? ` ${p.path}:` : '';
  return `${p.file}:${p.line}:${p.col}:${where} ${p.message}${p.hint ? ` (${p.hint})` : ''}`;
}

/** Problems for editors and bots (`plan --json`): one object per problem, in report order. */
export function problemsJson(problems: SpecProblem[]): string {
  const rows = sortProblems(problems).map((p) => ({ file: p.file, line: p.line, col: p.col, key: p.path ?? null, message: p.message, hint: p.hint ?? null }));
  return `${JSON.stringify({ problems: rows }, null, 2)}\n`;
}

export class SpecError extends Error {
  readonly problems: SpecProblem[];

  constructor(problems: SpecProblem[]) {
    const sorted = sortProblems(problems);
    const count = sorted.length === 1 ? '1 problem' : `${sorted.length} problems`;
    super(`The rollout spec has ${count}; nothing was deployed:\n${sorted.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.name = 'SpecError';
    this.problems = sorted;
  }
}

/** File, then line, then column order; duplicates (the same problem seen once per region) dropped. */
export function sortProblems(problems: SpecProblem[]): SpecProblem[] {
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}

/** Closest candidate by edit distance, for "did you mean"; undefined when nothing is close. */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    // `bakeTime` for `bake`: a key with a word added is a near miss however far the edit distance.
    if (other.length >= 3 && (lower.startsWith(other) || other.startsWith(lower))) return candidate;
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const match = suggest(word, candidates);
  return match ? `did you mean "${match}"?` : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}
