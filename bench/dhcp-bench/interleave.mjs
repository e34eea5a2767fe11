// Runs the servers' searches side by side, one step at a time in rotation
// (srvctl, kea, dhcpd, dnsmasq, srvctl, ...): the load of a shared machine
// drifts over minutes, and interleaving lets every server see the same drift
// instead of one server getting the quiet quarter of an hour.

/** @param {string[]} names in rotation order */
export function createRotation(names) {
  const active = [...names]
  const waiting = new Map()
  let next = 0
  let busy = false

  const grant = () => {
    if (busy || active.length === 0) return
    const resolve = waiting.get(active[next])
    if (resolve === undefined) return // its search has not asked yet; it will, right after its last step
    waiting.delete(active[next])
    busy = true
    resolve()
  }

  return {
    /** Runs fn when it is `name`'s turn. */
    async turn(name, fn) {
      await new Promise((resolve) => {
        waiting.set(name, resolve)
        grant()
      })
      try {
        return await fn()
      } finally {
        busy = false
        next = (active.indexOf(name) + 1) % active.length
        grant()
      }
    },
    /** `name` needs no more turns. */
    finish(name) {
      const at = active.indexOf(name)
      if (at < 0) return
      active.splice(at, 1)
      if (at < next) next--
      if (next >= active.length) next = 0
      grant()
    },
  }
}
