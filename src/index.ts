import { run } from './main.js'

// The runner's entry point (action.yml `main: dist/index.js`); main.ts holds the logic.
void run()
