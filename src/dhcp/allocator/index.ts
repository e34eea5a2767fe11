export {createPoolAllocator} from './pool-allocator.js'
export {
  formatIp4Range,
  normalizeRanges,
  parseIp4Range,
  rangeContains,
  rangeSize,
  rangesOverlap,
  subtractRanges,
} from './ip4-range.js'
