// Prints the rows the benchmarks wrote (JSON lines, see BenchReport) as one table.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const rows = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
const columns = ['measure', 'figure', 'baseline', 'ratio', 'target', 'met'];
if (rows.length === 0) {
  console.log(`no benchmark figures in ${file}`);
  process.exit(0);
}
const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
const line = (cells) => `| ${cells.map((cell, i) => String(cell ?? '').padEnd(widths[i])).join(' | ')} |`;
console.log(line(columns));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
rows.forEach((row) => console.log(line(columns.map((c) => row[c]))));
const held = rows.filter((r) => r.met);
console.log(`\n${held.filter((r) => r.met === 'yes').length} of ${held.length} targets met on this machine.`);
