/** Small formatting pieces every report shares: terminal tables, markdown table cells, whole seconds. */

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
