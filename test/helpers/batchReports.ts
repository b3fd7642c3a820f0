/** The reports as they were built from a records array before streaming (commit 5654925), kept verbatim as the reference the streamed reports must equal. */
import type { EvalRecord } from "../../src/eval/record.js";
import type { Summary } from "../../src/eval/summary.js";
import type { TimingStats } from "../../src/eval/report/timing.js";

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

export function batchHtmlReport(summary: Summary, records: EvalRecord[], timing: TimingStats): string {
  const over = (k: string) => (summary.averagedOver?.[k] === undefined ? "" : ` (over ${summary.averagedOver[k]} tasks)`);
  const metricRows = Object.entries(summary.metrics).map(([k, v]) => `<tr><td>${escape(k)}</td><td>${v.toFixed(2)}${over(k)}</td></tr>`).join("");
  const errorRows = Object.entries(summary.errorKinds).map(([k, v]) => `<tr><td>${escape(k)}</td><td>${v}</td></tr>`).join("") || `<tr><td colspan="2">No errors</td></tr>`;
  const charts = [
    barChart("Metrics (%)", Object.entries(summary.metrics), 100, ""),
    barChart("Stop reasons (tasks)", Object.entries(summary.stopReasons), Math.max(1, ...Object.values(summary.stopReasons)), ""),
  ].join("");
  const misses = records.filter((r) => !r.correct);
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
<p>Planner <code>${escape(summary.planner)}</code>, grounder <code>${escape(summary.grounder)}</code>, subset ${escape(summary.subset)}${summary.split ? `, split ${escape(summary.split)}` : ""}${summary.limit ? `, limit ${summary.limit}` : ""}${summary.onActionError ? `, on action error ${escape(summary.onActionError)}` : ""}.
${summary.tasks} tasks, ${summary.answered} answered, ${summary.correct} correct${Object.entries(summary.totals ?? {}).map(([name, total]) => `, ${escape(name)} ${total}`).join("")}.</p>
${(summary.notes ?? []).map((note) => `<p><strong>Note:</strong> ${escape(note)}</p>`).join("\n")}
<table><tr><th>metric</th><th>%</th></tr>${metricRows}</table>
${charts}
${byCategory}
<h2>Errors by kind</h2><table><tr><th>kind</th><th>count</th></tr>${errorRows}</table>
<h2>Timing</h2><p>Wall time ${(timing.wallMs / 1000).toFixed(1)} s (${timing.tasksPerSecond.toFixed(2)} tasks/s). Mean per task ${timing.meanTaskMs} ms: planner ${timing.meanPlannerMs} ms, grounder ${timing.meanGrounderMs} ms, executor ${timing.meanExecutorMs} ms.
Tokens: planner ${timing.plannerTokens.input} in / ${timing.plannerTokens.output} out; grounder ${timing.grounderTokens.input} in / ${timing.grounderTokens.output} out.</p>
<h2>Misses (${misses.length})</h2>${misses.map(trace).join("\n")}
<h2>All tasks (${records.length})</h2>${records.map(trace).join("\n")}
</body></html>
`;
}

const cell = (text: string | null) => (text ?? "—").replace(/\|/g, "\\|").replace(/\n/g, " ").slice(0, 160);

export function batchMarkdownReport(summary: Summary, records: EvalRecord[], timing: TimingStats, maxMisses = 50): string {
  const lines: string[] = [];
  lines.push(`# ${summary.dataset} — Lumos-${summary.formulation === "onetime" ? "O" : "I"}`, "");
  lines.push(`Planner: \`${summary.planner}\`  `, `Grounder: \`${summary.grounder}\`  `, `Subset: ${summary.subset}${summary.split ? `, split ${summary.split}` : ""}${summary.limit ? `, limit ${summary.limit}` : ""}${summary.onActionError ? `, on action error ${summary.onActionError}` : ""}`, "");
  for (const note of summary.notes ?? []) lines.push(`> **Note:** ${note}`, "");
  lines.push("| metric | value |", "| --- | --- |");
  for (const [name, value] of Object.entries(summary.metrics)) {
    const over = summary.averagedOver?.[name];
    lines.push(`| ${name} | ${value.toFixed(2)}${over === undefined ? "" : ` (over ${over} tasks)`} |`);
  }
  for (const [name, total] of Object.entries(summary.totals ?? {})) lines.push(`| ${name} (total) | ${total} |`);
  lines.push(`| tasks | ${summary.tasks} |`, `| answered | ${summary.answered} |`, `| correct | ${summary.correct} |`, "");
  if (summary.byCategory) {
    const names = Object.keys(summary.metrics);
    lines.push("## By category", "", `| category | tasks | ${names.join(" | ")} |`, `| --- | --- |${names.map(() => " --- |").join("")}`);
    for (const [category, group] of Object.entries(summary.byCategory)) {
      lines.push(`| ${category} | ${group.tasks} | ${names.map((n) => (group.metrics[n] ?? 0).toFixed(2)).join(" | ")} |`);
    }
    lines.push("");
  }
  lines.push("## Stop reasons", "", "| reason | tasks |", "| --- | --- |");
  for (const [reason, n] of Object.entries(summary.stopReasons)) lines.push(`| ${reason} | ${n} |`);
  lines.push("", "## Errors by kind", "");
  if (Object.keys(summary.errorKinds).length === 0) lines.push("No errors.");
  else {
    lines.push("| kind | count |", "| --- | --- |");
    for (const [kind, n] of Object.entries(summary.errorKinds)) lines.push(`| ${kind} | ${n} |`);
  }
  lines.push("", "## Timing", "");
  lines.push(
    `Wall time ${(timing.wallMs / 1000).toFixed(1)} s, ${timing.tasksPerSecond.toFixed(2)} tasks/s; mean per task ${timing.meanTaskMs} ms ` +
      `(planner ${timing.meanPlannerMs} ms, grounder ${timing.meanGrounderMs} ms, executor ${timing.meanExecutorMs} ms). ` +
      `Tokens: planner ${timing.plannerTokens.input} in / ${timing.plannerTokens.output} out, grounder ${timing.grounderTokens.input} in / ${timing.grounderTokens.output} out.`,
  );
  const misses = records.filter((r) => !r.correct);
  lines.push("", `## Misses (${misses.length}${misses.length > maxMisses ? `, first ${maxMisses}` : ""})`, "");
  if (misses.length > 0) {
    lines.push("| id | gold | prediction | stop | error |", "| --- | --- | --- | --- | --- |");
    for (const r of misses.slice(0, maxMisses)) lines.push(`| ${r.id} | ${cell(r.gold)} | ${cell(r.prediction)} | ${r.stopReason ?? ""} | ${cell(r.error)} |`);
  }
  return `${lines.join("\n")}\n`;
}

export function batchTimingStats(records: EvalRecord[], wallMs: number): TimingStats {
  const n = Math.max(records.length, 1);
  const mean = (f: (r: EvalRecord) => number) => Math.round(records.reduce((s, r) => s + f(r), 0) / n);
  const sum = (f: (r: EvalRecord) => number) => records.reduce((s, r) => s + f(r), 0);
  return {
    wallMs,
    tasksPerSecond: records.length / Math.max(wallMs / 1000, 1e-9),
    meanTaskMs: mean((r) => r.timings.totalMs),
    meanPlannerMs: mean((r) => r.timings.plannerMs),
    meanGrounderMs: mean((r) => r.timings.grounderMs),
    meanExecutorMs: mean((r) => r.timings.executorMs),
    plannerTokens: { input: sum((r) => r.usage.planner.inputTokens), output: sum((r) => r.usage.planner.outputTokens) },
    grounderTokens: { input: sum((r) => r.usage.grounder.inputTokens), output: sum((r) => r.usage.grounder.outputTokens) },
  };
}
