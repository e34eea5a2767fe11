export {createFileLeaseStore, type FileLeaseStore, type FileLeaseStoreOptions, type LeaseLogStats} from './file-lease-store.js'
export {createMemoryLeaseStore} from './memory-lease-store.js'
