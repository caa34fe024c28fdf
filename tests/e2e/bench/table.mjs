// The one plain-text table the benchmark prints: metric, value, target,
// result, columns padded to line up.

const HEADER = ['metric', 'value', 'target', 'result'];

export function formatTable(rows) {
  const all = [HEADER, ...rows.map((r) => [r.metric, r.value, r.target ?? '', r.pass == null ? '' : r.pass ? 'PASS' : 'MISS'])];
  const widths = HEADER.map((_, i) => Math.max(...all.map((cells) => cells[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(all[0]), rule, ...all.slice(1).map(line)].join('\n');
}
