import { expect } from '@jest/globals'

/** Every expected id listed exactly once: no duplicates, nothing lost, nothing extra. */
export function expectExactly(listed: readonly string[], expected: Iterable<string>): void {
  expect(new Set(listed).size).toBe(listed.length)
  expect([...listed].sort()).toEqual([...expected].sort())
}
