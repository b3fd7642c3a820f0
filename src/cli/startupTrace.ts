/**
 * LUMOS_TRACE_STARTUP: `lumos eval` writes one line on stderr when its first task starts, with the time since
 * the process was launched and the CPU time spent by then (bench/overhead reads it):
 *
 *   lumos: startup: first task started 734 ms after launch (CPU 802 ms)
 */
import { lumosEnvironment, type LumosEnvironment } from "../config.js";

/** The line's pattern: wall milliseconds since launch, then CPU milliseconds (user + system). */
export const FIRST_TASK_LINE = /^lumos: startup: first task started (\d+) ms after launch \(CPU (\d+) ms\)$/m;

/** A task-start hook that reports the first start, or undefined when the trace is off. */
export function firstTaskTrace(write: (text: string) => void, env: LumosEnvironment = lumosEnvironment()): (() => void) | undefined {
  if (!env.traceStartup) return undefined;
  let reported = false;
  return () => {
    if (reported) return;
    reported = true;
    const cpu = process.cpuUsage();
    // performance.now() counts from the moment the process started (performance.timeOrigin)
    write(`lumos: startup: first task started ${Math.round(performance.now())} ms after launch (CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms)\n`);
  };
}
