import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Writes a run into bench/results/<name>.json under its label (BENCH_LABEL, default "latest"), keeping the
 * file's other labelled runs, so before/after figures and each database's run sit side by side.
 */
export function writeLabelledRun(name: string, header: Record<string, unknown>, run: unknown): void {
  const file = new URL(`./results/${name}.json`, import.meta.url);
  let previous: { runs?: Record<string, unknown> } = {};
  try {
    previous = JSON.parse(readFileSync(file, 'utf8')) as typeof previous;
  } catch {
    // first run
  }
  const result = { ...header, runs: { ...previous.runs, [process.env.BENCH_LABEL ?? 'latest']: run } };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written bench/results/${name}.json`);
}
