/**
 * report.html: one self-contained file (inline CSS and SVG, no scripts or network) with the metrics, a
 * chart of metrics and stop reasons, the error breakdown and every task's trace. A run's report is written
 * piece by piece as its records are read (twice: the misses, then every task), never built as one string.
 */
import { writeAtomically } from "../atomicWrite.js";
import type { EvalRecord } from "../record.js";
import type { Summary } from "../summary.js";
import type { TimingStats } from "./timing.js";

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function barChart(title: string, entries: [string, number][], max: number, unit: string): string {
  const rowHeight = 26;
  const width = 520;
  const labelWidth = 170;
  const height = entries.length * rowHeight + 30;
  const bars = entries
    .map(([label, value], i) => {
      const w = max > 0 ? Math.max(1, ((width - labelWidth - 70) * value) / max) : 1;
      const y = 24 + i * rowHeight;
      return `<text x="0" y="${y + 15}" class="l">${escape(label)}</text><rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="18" rx="3"/><text x="${labelWidth + w + 6}" y="${y + 15}" class="v">${value}${unit}</text>`;
    })
    .join("");
  return `<svg role="img" aria-label="${escape(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><text x="0" y="14" class="t">${escape(title)}</text>${bars}</svg>`;
}

function trace(r: EvalRecord): string {
  const status = r.correct ? "ok" : "miss";
  const items = [
    ...r.subgoals.map((s) => `<li class="s">${escape(s)}</li>`),
    ...r.actions.map((a) => `<li class="a"><code>${escape(a)}</code></li>`),
    ...r.errors.map((e) => `<li class="e">${escape(`${e.module} ${e.kind}: ${e.message}`)}</li>`),
  ].join("");
  return `<details class="${status}"><summary><b>${escape(r.id)}</b> — gold <code>${escape(r.gold)}</code>, prediction <code>${escape(r.prediction ?? "none")}</code> (${escape(r.stopReason ?? "")})</summary><p>${escape(r.question)}</p><ul>${items}</ul></details>`;
}

/** Everything before the traces of the misses. */
function head(summary: Summary, timing: TimingStats, misses: number): string {
  const over = (k: string) => (summary.averagedOver?.[k] === undefined ? "" : ` (over ${summary.averagedOver[k]} tasks)`);
  const metricRows = Object.entries(summary.metrics).map(([k, v]) => `<tr><td>${escape(k)}</td><td>${v.toFixed(2)}${over(k)}</td></tr>`).join("");
  const errorRows = Object.entries(summary.errorKinds).map(([k, v]) => `<tr><td>${escape(k)}</td><td>${v}</td></tr>`).join("") || `<tr><td colspan="2">No errors</td></tr>`;
  const charts = [
    barChart("Metrics (%)", Object.entries(summary.metrics), 100, ""),
    barChart("Stop reasons (tasks)", Object.entries(summary.stopReasons), Math.max(1, ...Object.values(summary.stopReasons)), ""),
  ].join("");
  const names = Object.keys(summary.metrics);
  const byCategory = summary.byCategory
    ? `<h2>By category</h2><table><tr><th>category</th><th>tasks</th>${names.map((n) => `<th>${escape(n)} %</th>`).join("")}</tr>${Object.entries(summary.byCategory)
        .map(([category, group]) => `<tr><td>${escape(category)}</td><td>${group.tasks}</td>${names.map((n) => `<td>${(group.metrics[n] ?? 0).toFixed(2)}</td>`).join("")}</tr>`)
        .join("")}</table>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lumos evaluation: ${escape(summary.dataset)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:980px;padding:0 1rem;color:#1d1d1f}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}
svg{display:block;margin:1rem 0}svg rect{fill:#6b5bd6}svg .l,svg .v{font-size:12px}svg .t{font-weight:600;font-size:13px}
details{border-left:4px solid #2e9d5b;padding:.2rem .6rem;margin:.3rem 0}details.miss{border-color:#d64545}
li.s{font-weight:600}li.e{color:#b00020}code{font-size:12px}
</style></head><body>
<h1>${escape(summary.dataset)} — Lumos-${summary.formulation === "onetime" ? "O" : "I"}</h1>
<p>Planner <code>${escape(summary.planner)}</code>, grounder <code>${escape(summary.grounder)}</code>, subset ${escape(summary.subset)}${summary.split ? `, split ${escape(summary.split)}` : ""}${summary.limit ? `, limit ${summary.limit}` : ""}${summary.shard ? `, shard ${escape(summary.shard)}` : ""}${summary.onActionError ? `, on action error ${escape(summary.onActionError)}` : ""}.
${summary.tasks} tasks, ${summary.answered} answered, ${summary.correct} correct${Object.entries(summary.totals ?? {}).map(([name, total]) => `, ${escape(name)} ${total}`).join("")}.</p>
${(summary.notes ?? []).map((note) => `<p><strong>Note:</strong> ${escape(note)}</p>`).join("\n")}
<table><tr><th>metric</th><th>%</th></tr>${metricRows}</table>
${charts}
${byCategory}
<h2>Errors by kind</h2><table><tr><th>kind</th><th>count</th></tr>${errorRows}</table>
<h2>Timing</h2><p>${timing.mergedRuns === undefined ? `Wall time ${(timing.wallMs / 1000).toFixed(1)} s (${timing.tasksPerSecond.toFixed(2)} tasks/s)` : `Merged from ${timing.mergedRuns} runs (each run's report has its wall time)`}. Mean per task ${timing.meanTaskMs} ms: planner ${timing.meanPlannerMs} ms, grounder ${timing.meanGrounderMs} ms, executor ${timing.meanExecutorMs} ms.
Tokens: planner ${timing.plannerTokens.input} in / ${timing.plannerTokens.output} out; grounder ${timing.grounderTokens.input} in / ${timing.grounderTokens.output} out.</p>
<h2>Misses (${misses})</h2>`;
}

/** The traces of `records` one by one, a newline between two. */
async function* traces(records: AsyncIterable<EvalRecord> | Iterable<EvalRecord>, only: (r: EvalRecord) => boolean): AsyncGenerator<string> {
  let first = true;
  for await (const record of records) {
    if (!only(record)) continue;
    yield first ? trace(record) : `\n${trace(record)}`;
    first = false;
  }
}

/** The report's pieces in order; `records` is read twice (the misses, then every task), `tasks` is how many it yields. */
async function* pieces(summary: Summary, timing: TimingStats, records: () => AsyncIterable<EvalRecord> | Iterable<EvalRecord>, tasks: number, misses: number): AsyncGenerator<string> {
  yield head(summary, timing, misses);
  yield* traces(records(), (r) => !r.correct);
  yield `\n<h2>All tasks (${tasks})</h2>`;
  yield* traces(records(), () => true);
  yield "\n</body></html>\n";
}

/** Writes report.html to `path` from the run's summary and timing and its records, read as a stream (twice). */
export async function writeHtmlReport(path: string, summary: Summary, timing: TimingStats, records: () => AsyncIterable<EvalRecord>): Promise<void> {
  await writeAtomically(path, pieces(summary, timing, records, summary.tasks, summary.tasks - summary.correct));
}

/** The report as one string, for records at hand. */
export async function htmlReport(summary: Summary, records: EvalRecord[], timing: TimingStats): Promise<string> {
  let text = "";
  for await (const piece of pieces(summary, timing, () => records, records.length, records.filter((r) => !r.correct).length)) text += piece;
  return text;
}
