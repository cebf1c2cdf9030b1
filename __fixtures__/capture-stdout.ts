/**
 * Collect what @actions/core writes to stdout (workflow commands such as ::add-mask::) while `fn`
 * runs in-process, still passing it through.
 */
export async function captureStdout<T>(
  fn: () => Promise<T>,
): Promise<{ result?: T; error?: unknown; out: string }> {
  const chunks: string[] = []
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest)
  }) as typeof process.stdout.write
  try {
    return { result: await fn(), out: chunks.join('') }
  } catch (error) {
    return { error, out: chunks.join('') }
  } finally {
    process.stdout.write = write
  }
}

/** Values of `::add-mask::` commands in a stdout transcript. */
export function maskedValues(stdout: string): Set<string> {
  return new Set([...stdout.matchAll(/^::add-mask::(.*)$/gm)].map((m) => m[1]))
}

/** Lines that show `secret` anywhere other than in its own ::add-mask:: command. */
export function leaks(stdout: string, secrets: string[]): string[] {
  return stdout
    .split(/\r?\n/)
    .filter((line) => !line.startsWith('::add-mask::'))
    .filter((line) => secrets.some((s) => s.length >= 8 && line.includes(s)))
}

/**
 * Drop the toolkit's `::debug::` lines (every artifact request logs its headers and body) from the
 * test output while in-process tests run; returns the undo.
 */
export function muteDebugLines(): () => void {
  const write = process.stdout.write
  process.stdout.write = function (
    this: NodeJS.WriteStream,
    chunk: string | Uint8Array,
    ...rest: unknown[]
  ) {
    if (typeof chunk === 'string' && chunk.startsWith('::debug::')) return true
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest)
  } as typeof process.stdout.write
  return () => {
    process.stdout.write = write
  }
}
