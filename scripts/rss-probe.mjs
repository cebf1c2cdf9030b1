// Preloaded into the bench's CLI child (`node --import`): reports the process's own peak RSS as it
// exits, so the figure is the shipped bundle's, with nothing of the bench or a loader in it.
import { writeSync } from 'node:fs'

const loadedRssKb = process.resourceUsage().maxRSS
process.on('exit', () => {
  const maxRssKb = process.resourceUsage().maxRSS
  writeSync(2, `\nBENCH_RSS ${JSON.stringify({ loadedRssKb, maxRssKb })}\n`)
})
