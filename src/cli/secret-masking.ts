import type { TokenProvider } from '../auth/token-provider.js'

interface Masker {
  addSecret(secret: string): void
}

/** Every token handed to the client is registered with the logger first, so no line can show it. */
export function maskingTokenProvider(inner: TokenProvider, masker: Masker): TokenProvider {
  return {
    description: inner.description,
    ...(inner.azureCredential
      ? {
          azureCredential: {
            async getToken(scopes, options) {
              const token = await inner.azureCredential!.getToken(scopes, options)
              if (token) masker.addSecret(token.token)
              return token
            },
          },
        }
      : {}),
    async getToken(audience) {
      const token = await inner.getToken(audience)
      masker.addSecret(token)
      return token
    },
  }
}
