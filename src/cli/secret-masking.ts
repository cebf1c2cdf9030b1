import type { TokenProvider } from '../auth/token-provider.js'

interface Masker {
  addSecret(secret: string): void
}

/** Every token handed to the client is registered with the logger first, so no line can show it. */
export function maskingTokenProvider(inner: TokenProvider, masker: Masker): TokenProvider {
  return {
    description: inner.description,
    async getToken(audience) {
      const token = await inner.getToken(audience)
      masker.addSecret(token)
      return token
    },
  }
}
