#!/usr/bin/env node
// Same as run.js; srvctl is always run from the compiled dist/ tree (npm run build).
import {execute} from '@oclif/core'

await execute({development: true, dir: import.meta.url})
