// Finds the highest request rate a server sustains with at most 1 % failed
// exchanges: a coarse ramp (×2 per step, or ÷2 while even the first rate
// fails), then a bisection between the last passing and the first failing rate.

export const MAX_FAILED_PCT = 1

/**
 * @param {(rate: number) => Promise<{failedPct: number}>} tryRate runs one step on a fresh server
 * @param {{startRate: number, minRate: number, maxRate: number, maxCoarseSteps: number, maxBisections: number, tolerance: number, retries: number}} plan
 */
export async function findMaxRate(tryRate, plan) {
  const steps = []
  const attempt = async (rate) => {
    for (let tries = 0; tries <= plan.retries; tries++) {
      const step = await tryRate(rate)
      step.passed = step.failedPct <= MAX_FAILED_PCT
      step.attempt = tries + 1
      steps.push(step)
      if (step.passed) return step
    }
    return undefined
  }

  let best
  let failedRate
  let rate = plan.startRate
  for (let n = 0; n < plan.maxCoarseSteps; n++) {
    const passed = await attempt(rate)
    if (!passed) {
      failedRate = rate
      break
    }
    best = passed
    if (rate * 2 > plan.maxRate) break
    rate *= 2
  }
  if (best === undefined) {
    for (rate = Math.floor(plan.startRate / 2); rate >= plan.minRate; rate = Math.floor(rate / 2)) {
      const passed = await attempt(rate)
      if (passed) {
        best = passed
        break
      }
      failedRate = rate
    }
  }
  for (let n = 0; best !== undefined && failedRate !== undefined && n < plan.maxBisections; n++) {
    if ((failedRate - best.rate) / best.rate <= plan.tolerance) break
    const middle = Math.round((best.rate + failedRate) / 2)
    const passed = await attempt(middle)
    if (passed) best = passed
    else failedRate = middle
  }
  return {best, failedRate, steps}
}
