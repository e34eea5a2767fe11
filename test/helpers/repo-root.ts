import {join} from 'node:path'

import {packageRoot} from '../../src/lib/package-root.js'

// Compiled tests run from dist/test/...; fixtures and templates stay in the
// source tree, found from the package root.
export const repoRoot = packageRoot
export const fixturePath = (...parts: string[]): string => join(repoRoot, 'test', 'fixtures', ...parts)
