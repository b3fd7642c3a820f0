/**
 * Progress of an evaluation: a redrawn bar with rate, ETA and running accuracy on a terminal; plain
 * periodic lines otherwise (CI logs, files).
 */
export interface ProgressSink {
  write(text: string): void;
  isTTY?: boolean;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

export class ProgressReporter {
  private done = 0;
  private correct = 0;
  private readonly started = performance.now();
  private lastLine = 0;

  constructor(private readonly total: number, private readonly sink: ProgressSink, private readonly alreadyDone = 0, private readonly intervalMs = 10_000) {}

  line(): string {
    const elapsed = (performance.now() - this.started) / 1000;
    const rate = this.done / Math.max(elapsed, 1e-9);
    const finished = this.alreadyDone + this.done;
    const eta = (this.total - finished) / rate;
    const accuracy = this.done === 0 ? 0 : (100 * this.correct) / this.done;
    return `${finished}/${this.total} ${rate.toFixed(2)} tasks/s ETA ${duration(eta)} accuracy ${accuracy.toFixed(1)}%`;
  }

  update(correct: boolean): void {
    this.done++;
    if (correct) this.correct++;
    const finished = this.alreadyDone + this.done;
    if (this.sink.isTTY) {
      const width = 30;
      const filled = Math.round((width * finished) / Math.max(this.total, 1));
      this.sink.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${this.line()}\u001b[K`);
      if (finished === this.total) this.sink.write("\n");
      return;
    }
    const now = performance.now();
    if (now - this.lastLine >= this.intervalMs || finished === this.total) {
      this.lastLine = now;
      this.sink.write(`progress ${this.line()}\n`);
    }
  }
}
