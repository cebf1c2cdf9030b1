/** The candidate closest to a mistyped word (edit distance ≤ 2, or a unique prefix), if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const scored = candidates
    .map((c) => ({ c, d: c.startsWith(word) && word.length >= 3 ? 1 : distance(word, c) }))
    .filter(({ d }) => d <= Math.min(2, Math.floor(word.length / 2)))
    .sort((a, b) => a.d - b.d)
  return scored[0]?.c
}

/** Levenshtein distance (insert, delete, substitute, each 1). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
    }
    previous = row
  }
  return previous[b.length]
}
