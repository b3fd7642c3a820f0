/**
 * Open task environments of this process, by the id a run keeps in its state. A run opens its environment
 * on first need (the first planning turn describes it), finds it again by id in later nodes, and releases
 * it when it ends: in the finish node, when its abort signal fires (timeout, cancelled eval), when a node
 * throws, and before a review interrupt pauses it. A run resumed elsewhere (another process, after a
 * review) finds no entry under its id and opens the environment again from the task's spec.
 */
import { randomUUID } from "node:crypto";
import type { DomainEnvironment } from "../domains/environment.js";
import { NO_ENVIRONMENT } from "../domains/environment.js";
import type { LumosDomain } from "../domains/types.js";

interface OpenEnvironment {
  value: unknown;
  environment: DomainEnvironment;
  /** Shared environments: the key they are shared under. */
  sharedKey?: string;
  detach?: () => void;
}

const byId = new Map<string, OpenEnvironment>();
const shared = new Map<string, { value: Promise<unknown>; users: number }>();

export interface AcquiredEnvironment {
  id: string;
  value: unknown;
  /** Whether this call opened it (the caller stores the id in the state). */
  opened: boolean;
}

export interface EnvironmentRequest {
  /** The id the run's state holds, if any. */
  id: string | null;
  /** The task's environment spec. */
  spec: unknown;
  task: string;
  signal?: AbortSignal;
}

/** The run's open environment, opening it when needed; undefined for domains without environments. */
export async function acquireEnvironment(domain: LumosDomain, request: EnvironmentRequest): Promise<AcquiredEnvironment | undefined> {
  const environment = domain.environment;
  if (!environment) return undefined;
  const known = request.id === null ? undefined : byId.get(request.id);
  if (known) return { id: request.id as string, value: known.value, opened: false };
  const id = randomUUID();
  const open = () => environment.open(request.spec, { task: request.task, signal: request.signal });
  let entry: OpenEnvironment;
  if (environment.shared) {
    const sharedKey = `${domain.name}\u0000${JSON.stringify(request.spec ?? null)}`;
    let slot = shared.get(sharedKey);
    if (!slot) {
      slot = { value: open(), users: 0 };
      shared.set(sharedKey, slot);
      slot.value.catch(() => shared.delete(sharedKey));
    }
    slot.users++;
    try {
      entry = { value: await slot.value, environment, sharedKey };
    } catch (error) {
      slot.users--;
      throw error;
    }
  } else {
    entry = { value: await open(), environment };
  }
  byId.set(id, entry);
  if (request.signal) {
    const signal = request.signal;
    const onAbort = () => void releaseEnvironment(id);
    if (signal.aborted) {
      await releaseEnvironment(id);
      throw signal.reason ?? new Error("aborted");
    }
    signal.addEventListener("abort", onAbort, { once: true });
    entry.detach = () => signal.removeEventListener("abort", onAbort);
  }
  return { id, value: entry.value, opened: true };
}

/** Closes the environment kept under `id` (a no-op for an unknown id, so every end may call it). */
export async function releaseEnvironment(id: string | null | undefined): Promise<void> {
  if (!id) return;
  const entry = byId.get(id);
  if (!entry) return;
  byId.delete(id);
  entry.detach?.();
  if (entry.sharedKey !== undefined) {
    const slot = shared.get(entry.sharedKey);
    if (slot && --slot.users > 0) return;
    shared.delete(entry.sharedKey);
  }
  try {
    await entry.environment.close?.(entry.value);
  } catch {
    // a failing close must not turn a finished run into a failed one; the environment is dropped either way
  }
}

/** The description for the first planning turn. */
export function describeEnvironment(domain: LumosDomain, acquired: AcquiredEnvironment | undefined): string {
  if (!acquired || !domain.environment?.describe) return NO_ENVIRONMENT;
  return domain.environment.describe(acquired.value);
}

/** How many environments are open in this process (tests check that runs leave none behind). */
export function openEnvironmentCount(): number {
  return byId.size;
}
