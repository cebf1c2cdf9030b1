#!/usr/bin/env -S node --max-semi-space-size=2
// The small young generation is deliberate: a stop on a large workspace makes thousands of short
// requests whose garbage otherwise lets the heap balloon to several times the live set (measured by
// `npm run bench`: peak RSS 258 MB with V8's default, 171 MB with this, at the same speed).
import { exitIfNodeTooOld } from './node-guard.js'

exitIfNodeTooOld()
// Dynamic, so nothing that needs Node 24 is loaded before the check.
void import('./cli/process-main.js')
