// The one plain-text table the benchmark prints: metric, this app, the
// React peer, their ratio, target, result; columns padded to line up.

const HEADER = ['metric', 'app', 'peer', 'ratio (app/peer)', 'target', 'result'];

export function formatTable(rows) {
  const cells = (r) => [
    r.metric,
    r.app ?? '',
    r.peer ?? '',
    r.ratio ?? '',
    r.target ?? '',
    r.pass == null ? '' : r.pass ? 'PASS' : 'MISS',
  ];
  const all = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...all.map((c) => c[i].length)));
  const line = (c) => c.map((text, i) => text.padEnd(widths[i])).join(' | ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  return [line(all[0]), rule, ...all.slice(1).map(line)].join('\n');
}
