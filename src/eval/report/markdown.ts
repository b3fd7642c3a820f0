/**
 * report.md: the summary, the breakdowns, timing, and the first tasks that missed. It needs only the summary,
 * the timing and those first misses, so a run's report is written without holding its records.
 */
import type { EvalRecord } from "../record.js";
import type { Summary } from "../summary.js";
import type { TimingStats } from "./timing.js";

const cell = (text: string | null) => (text ?? "—").replace(/\|/g, "\\|").replace(/\n/g, " ").slice(0, 160);

/** The tasks that missed: how many, and the first ones (at least as many as the report lists). */
export interface Misses {
  count: number;
  first: EvalRecord[];
}

/** Tasks the report lists at most. */
export const MAX_LISTED_MISSES = 50;

export function markdownReport(summary: Summary, records: Iterable<EvalRecord>, timing: TimingStats, maxMisses = MAX_LISTED_MISSES): string {
  const misses = [...records].filter((r) => !r.correct);
  return markdownReportOf(summary, { count: misses.length, first: misses }, timing, maxMisses);
}

export function markdownReportOf(summary: Summary, misses: Misses, timing: TimingStats, maxMisses = MAX_LISTED_MISSES): string {
  const lines: string[] = [];
  lines.push(`# ${summary.dataset} — Lumos-${summary.formulation === "onetime" ? "O" : "I"}`, "");
  lines.push(`Planner: \`${summary.planner}\`  `, `Grounder: \`${summary.grounder}\`  `, `Subset: ${summary.subset}${summary.split ? `, split ${summary.split}` : ""}${summary.limit ? `, limit ${summary.limit}` : ""}${summary.shard ? `, shard ${summary.shard}` : ""}${summary.onActionError ? `, on action error ${summary.onActionError}` : ""}`, "");
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
  const wall = timing.mergedRuns === undefined ? `Wall time ${(timing.wallMs / 1000).toFixed(1)} s, ${timing.tasksPerSecond.toFixed(2)} tasks/s` : `Merged from ${timing.mergedRuns} runs (each run's report has its wall time)`;
  lines.push(
    `${wall}; mean per task ${timing.meanTaskMs} ms ` +
      `(planner ${timing.meanPlannerMs} ms, grounder ${timing.meanGrounderMs} ms, executor ${timing.meanExecutorMs} ms). ` +
      `Tokens: planner ${timing.plannerTokens.input} in / ${timing.plannerTokens.output} out, grounder ${timing.grounderTokens.input} in / ${timing.grounderTokens.output} out.`,
  );
  lines.push("", `## Misses (${misses.count}${misses.count > maxMisses ? `, first ${maxMisses}` : ""})`, "");
  if (misses.count > 0) {
    lines.push("| id | gold | prediction | stop | error |", "| --- | --- | --- | --- | --- |");
    for (const r of misses.first.slice(0, maxMisses)) lines.push(`| ${r.id} | ${cell(r.gold)} | ${cell(r.prediction)} | ${r.stopReason ?? ""} | ${cell(r.error)} |`);
  }
  return `${lines.join("\n")}\n`;
}
