/**
 * Sharded evaluation: `--shard i/n` (1-based, 1/n..n/n) runs the i-th of n contiguous slices of the selected
 * tasks (after --subset and --limit), sizes differing by at most one. Contiguous, so the shards' predictions
 * files, each in dataset order, concatenate in shard order to the unsharded run's file, and their union is
 * exactly the run's tasks (`lumos merge`).
 */
export interface Shard {
  /** 1-based: 1..count. */
  index: number;
  count: number;
}

export class ShardFormatError extends Error {
  override name = "ShardFormatError";
}

/** "2/4" → { index: 2, count: 4 }; anything else (0/4, 5/4, 2, 1/0) is refused with what is expected. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new ShardFormatError(`expected i/n with n ≥ 1 and i from 1 to n (e.g. 2/4 for the second of four shards), not "${text}"`);
  }
  return { index, count };
}

export const shardLabel = (shard: Shard): string => `${shard.index}/${shard.count}`;

/** Where the shard's slice of `total` tasks starts and ends (end exclusive). */
export function shardBounds(total: number, shard: Shard): { start: number; end: number } {
  return { start: Math.floor(((shard.index - 1) * total) / shard.count), end: Math.floor((shard.index * total) / shard.count) };
}

export function shardSlice<T>(items: readonly T[], shard: Shard): T[] {
  const { start, end } = shardBounds(items.length, shard);
  return items.slice(start, end);
}
