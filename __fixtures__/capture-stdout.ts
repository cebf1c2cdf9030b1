/**
 * Collect what @actions/core writes to stdout (workflow commands such as ::add-mask::, the
 * artifact toolkit's upload lines) while `fn` runs in-process. Nothing reaches the test output: the
 * test asserts on `out` instead, and a failed assertion shows it.
 */
export async function captureStdout<T>(
  fn: () => Promise<T>,
): Promise<{ result?: T; error?: unknown; out: string }> {
  const held = holdStdout()
  try {
    return { result: await fn(), out: held.transcript() }
  } catch (error) {
    return { error, out: held.transcript() }
  } finally {
    held.release()
  }
}

export interface HeldStdout {
  /** Everything written to stdout since the hold began. */
  transcript(): string
  /** Give stdout back (holds nest: the one before this one gets it again). */
  release(): void
}

/**
 * Keep everything in-process code writes to stdout from the test output until release(): the
 * toolkit's `::add-mask::` and `::debug::` commands and the artifact upload chatter ("Uploaded
 * bytes", "Finalizing artifact upload" …). The file's tests read it back through transcript().
 */
export function holdStdout(): HeldStdout {
  const chunks: string[] = []
  const write = process.stdout.write
  process.stdout.write = function (chunk: string | Uint8Array, ...rest: unknown[]) {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined
    done?.()
    return true
  } as typeof process.stdout.write
  return {
    transcript: () => chunks.join(''),
    release: () => {
      process.stdout.write = write
    },
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
