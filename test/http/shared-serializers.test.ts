import Fastify from 'fastify'
import { Type } from '@sinclair/typebox'
import { describe, expect, it } from 'vitest'
import { sharedSerializers } from '../../src/http/shared-serializers.js'

const Item = Type.Object({ id: Type.Integer(), title: Type.String() }, { $id: 'SharedItem' })
const ItemPage = Type.Object({ data: Type.Array(Type.Ref(Item)) })

describe('shared response serializers', () => {
  it('compiles one function per distinct schema and hands it to every route that declares it', () => {
    const factory = sharedSerializers()
    const external = { SharedItem: Item }
    const fromRoot = factory(external, {})
    const fromPlugin = factory({ ...external }, {})
    const page = fromRoot({ schema: ItemPage, method: 'GET', url: '/a', httpStatus: '200' })
    // another route, another plugin context, the same schema written out again
    expect(fromPlugin({ schema: structuredClone(ItemPage), method: 'GET', url: '/b', httpStatus: '200' })).toBe(page)
    const single = fromRoot({ schema: Type.Ref(Item), method: 'GET', url: '/c', httpStatus: '200' })
    expect(single).not.toBe(page)
    // a different set of shared schemas may resolve the same $ref differently: compiled apart
    const other = factory({ SharedItem: Type.Object({ id: Type.Integer() }, { $id: 'SharedItem' }) }, {})
    const narrower = other({ schema: ItemPage, method: 'GET', url: '/a', httpStatus: '200' })
    expect(narrower).not.toBe(page)
    expect(page({ data: [{ id: 1, title: 'One', extra: true }] })).toBe('{"data":[{"id":1,"title":"One"}]}')
    expect(narrower({ data: [{ id: 1, title: 'One' }] })).toBe('{"data":[{"id":1}]}')
  })

  it('serializes through Fastify exactly as the default compiler does', async () => {
    const answers: string[] = []
    for (const shared of [true, false]) {
      const app = Fastify(shared ? { schemaController: { compilersFactory: { buildSerializer: sharedSerializers() } } } : {})
      app.addSchema(Item)
      for (const path of ['/one', '/two']) {
        app.get(path, { schema: { response: { 200: ItemPage } } }, async () => ({ data: [{ id: 7, title: 'Seven', secret: 'dropped' }] }))
      }
      for (const path of ['/one', '/two']) answers.push((await app.inject({ url: path })).body)
      await app.close()
    }
    expect(new Set(answers)).toEqual(new Set(['{"data":[{"id":7,"title":"Seven"}]}']))
    expect(answers).toHaveLength(4)
  })
})
