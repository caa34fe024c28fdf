// The fault matrix as a table: one row per case, one column per dialect.
import { writeFileSync } from 'node:fs';

export class Matrix {
  constructor(cases, dialects) {
    this.cases = cases;
    this.dialects = dialects;
    this.cells = new Map();
  }

  record(caseId, dialect, outcome) {
    this.cells.set(`${caseId}/${dialect}`, outcome);
  }

  /// A case never reached (its dialect's page could not open) is `-`.
  outcome(caseId, dialect) {
    return this.cells.get(`${caseId}/${dialect}`) ?? '-';
  }

  table() {
    const head = ['case', ...this.dialects];
    const rows = this.cases.map((c) => [c.label, ...this.dialects.map((d) => this.outcome(c.id, d))]);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
    const outcomes = [...this.cells.values()];
    const count = (o) => outcomes.filter((x) => x === o).length;
    return [
      line(head),
      line(widths.map((w) => '-'.repeat(w))),
      ...rows.map(line),
      `${count('pass')} pass, ${count('FAIL')} FAIL, ${count('n/a')} n/a`,
    ].join('\n');
  }

  /// Printed, and kept in a file in case a reporter swallows the output.
  report(file) {
    const text = this.table();
    writeFileSync(file, `${text}\n`);
    console.log(`\nfault matrix (${file}):\n${text}`);
  }
}
