import { exitIfNodeTooOld } from './node-guard.js'

// The runner's entry point (action.yml `main: dist/index.js`); main.ts holds the logic. The check
// comes first and main.ts is loaded dynamically, so an old Node gets one clear line.
exitIfNodeTooOld()
void import('./main.js').then((m) => m.run())
