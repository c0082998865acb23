import type { MediaStorage } from '../../src/storage/media-storage.js'
import { test } from '../helpers/app.js'
import { storageSuite } from './storage-suite.js'

let captured: MediaStorage | null = null
test.override('appOptions', { wrapMediaStorage: (storage) => { captured = storage; return storage } })

storageSuite(test, function local () {
  if (captured === null) throw new Error('the app has not been built')
  return captured
})
