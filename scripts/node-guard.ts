// Preloaded by the npm scripts (`tsx --import ./scripts/node-guard.ts …`), so the check runs
// before the script's own imports are even loaded.
import { exitIfNodeTooOld } from '../src/node-guard.js'

exitIfNodeTooOld()
