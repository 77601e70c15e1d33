/** Small formatting pieces every report shares: terminal tables, markdown table cells, whole seconds. */
import { formatDuration } from '../time/duration.js';

/** Columns padded to their widest cell, a dashed rule under the header. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** Text that is safe inside a markdown table cell: no column breaks, no HTML, one line. */
export function markdownCell(text: string): string {
  return text.replace(/[|<>]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\n/g, ' ');
}

/** Whole seconds: milliseconds in a log of hours are noise. */
export function wholeSeconds(ms: number): number {
  return Math.max(0, Math.round(ms / 1000) * 1000);
}

/** A duration as people read it: `1m6s`, `4h`, `250ms` under a second, never `4s999ms`. */
export function readableDuration(ms: number): string {
  return ms > 0 && ms < 1000 ? `${Math.round(ms)}ms` : formatDuration(wholeSeconds(ms));
}

/** Cells cut to fit a terminal of `columns` characters: the widest column gives way first, ending in `…`. */
export function fitTable(header: string[], rows: string[][], columns: number | undefined): string[] {
  const lines = table(header, rows);
  if (!columns || lines.every((l) => l.length <= columns)) return lines;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const total = (): number => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total() > columns) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest] <= 8) break;
    widths[widest]--;
  }
  const cut = (cell: string, width: number): string => (cell.length <= width ? cell : `${cell.slice(0, width - 1)}…`);
  return table(header.map((h, i) => cut(h, widths[i])), rows.map((r) => r.map((c, i) => cut(c, widths[i]))));
}
