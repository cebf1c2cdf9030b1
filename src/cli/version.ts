import pkg from '../../package.json' with { type: 'json' }

/** Recorded in every snapshot and printed by --version; bundled by ncc from package.json. */
export const VERSION: string = pkg.version
