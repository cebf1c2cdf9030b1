/**
 * Run `fn` over items with at most `limit` in flight. The client bounds requests per rate class
 * too; this bound keeps memory flat on large workspaces (no promise per item up front).
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index], index)
    }
  }
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker)
  await Promise.all(workers)
  return results
}

/**
 * The first `max` texts, and "N more" for the rest: a subnet can hold hundreds of NICs, and a line
 * naming them all is unreadable (the JSON report keeps every one).
 */
export function firstFew(texts: readonly string[], max = 5): string[] {
  if (texts.length <= max) return [...texts]
  return [...texts.slice(0, max), `${texts.length - max} more`]
}

/** "3 changed, 1 failed": how many items have each key, in first-seen order. */
export function tally<T>(items: readonly T[], key: (item: T) => string): string {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ')
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * Pauses between re-reads: short at first (most changes show within a second or two), growing
 * to `maxMs`, so a poll neither hammers a large workspace nor adds seconds to a quick one.
 */
export function pollDelays(maxMs: number, firstMs = 250): () => number {
  let next = Math.min(firstMs, maxMs)
  return () => {
    const delay = next
    next = Math.min(maxMs, Math.ceil(next * 1.6))
    return delay
  }
}
