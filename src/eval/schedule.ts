/**
 * Scheduling of evaluation tasks. Continuous: a task starts as soon as a slot frees. Lockstep: tasks run in
 * batches and a batch waits for its slowest task, which is how the reference advanced its examples (kept
 * for the throughput benchmark's comparison).
 */
export type Schedule = "continuous" | "lockstep";

export async function runScheduled<T>(items: T[], concurrency: number, schedule: Schedule, worker: (item: T) => Promise<void>): Promise<void> {
  const slots = Math.max(1, Math.min(concurrency, items.length));
  if (schedule === "lockstep") {
    for (let i = 0; i < items.length; i += slots) await Promise.all(items.slice(i, i + slots).map(worker));
    return;
  }
  let next = 0;
  const lane = async () => {
    while (next < items.length) await worker(items[next++]);
  };
  await Promise.all(Array.from({ length: slots }, lane));
}
