import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {distroIdFromOsRelease, parseOsRelease} from '../../../src/lib/distro/detect-distro.js'

describe('distribution detection from os-release', () => {
  const cases: [string, string, string | undefined][] = [
    ['Debian 12', 'ID=debian\nVERSION_ID="12"\n', 'debian'],
    ['Ubuntu 24.04', 'ID=ubuntu\nID_LIKE=debian\n', 'debian'],
    ['Rocky 9', 'ID="rocky"\nID_LIKE="rhel centos fedora"\n', 'rhel'],
    ['AlmaLinux 9', 'ID="almalinux"\nID_LIKE="rhel centos fedora"\n', 'rhel'],
    ['Fedora 41', 'ID=fedora\n', 'rhel'],
    ['Arch', 'ID=arch\n', undefined],
  ]
  for (const [name, text, expected] of cases) {
    it(`maps ${name} to ${expected ?? 'nothing'}`, () => {
      assert.equal(distroIdFromOsRelease(parseOsRelease(text)), expected)
    })
  }
})
