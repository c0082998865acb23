import { describe, expect, it } from 'vitest'
import { createDraft } from '../../helpers/content.js'
import { useWriteContext } from '../../helpers/write-context.js'

const context = useWriteContext()

interface MenuState { id: number, version: number, items: number }
const menusLinking = (kind: 'page' | 'article', id: number): MenuState[] => context.sql.prepare(`select m.id, m.version,
  (select count(*) from menu_items all_items where all_items.menu_id = m.id) items
  from menus m where m.id in (select menu_id from menu_items where kind = ? and ${kind}_id = ?) order by m.id`).all(kind, id) as MenuState[]
const menuChanges = (since: number) => context.sql.prepare("select entity_id id, action from changes where entity_type = 'menu' and seq > ? order by seq").all(since)
const head = () => (context.sql.prepare('select max(seq) s from changes').get() as { s: number }).s

describe('deleting a menu target is a logged change of each menu that linked to it', () => {
  it('a page: its items leave the menus, each menu gets a new version and an updated change', async () => {
    const page = (context.sql.prepare("select page_id id from menu_items where kind = 'page' group by page_id having count(distinct menu_id) >= 2 limit 1").get() as { id: number }).id
    const before = menusLinking('page', page)
    expect(before.length).toBeGreaterThanOrEqual(2)
    const seq = head()
    expect((await context.app.inject({ method: 'DELETE', url: `/v1/pages/${page}`, headers: context.keys.editor.auth })).statusCode).toBe(204)
    expect(menusLinking('page', page)).toEqual([])
    for (const menu of before) {
      const after = context.sql.prepare('select version, (select count(*) from menu_items where menu_id = ?) items from menus where id = ?').get(menu.id, menu.id) as { version: number, items: number }
      expect(after.version).toBe(menu.version + 1)
      expect(after.items).toBeLessThan(menu.items)
    }
    expect(menuChanges(seq)).toEqual(before.map((m) => ({ id: m.id, action: 'updated' })))
  })

  it('an article linked from a new menu', async () => {
    const article = await createDraft(context.app, context.keys.editor)
    const created = await context.app.inject({
      method: 'POST', url: '/v1/menus', headers: context.keys.editor.auth,
      payload: { edition: 'en', location: `target-deletes-${article}`, name: 'Links', items: [{ label: 'Story', kind: 'article', target: article }, { label: 'Home', kind: 'url', target: '/' }] }
    })
    expect(created.statusCode).toBe(201)
    const menu = created.json().data.id as number
    const seq = head()
    expect((await context.app.inject({ method: 'DELETE', url: `/v1/articles/${article}`, headers: context.keys.editor.auth })).statusCode).toBe(204)
    const read = await context.app.inject({ url: `/v1/menus/${menu}`, headers: context.keys.editor.auth })
    expect(read.json().data.items.map((i: { label: string }) => i.label)).toEqual(['Home'])
    expect(read.json().data.version).toBe(2)
    expect(menuChanges(seq)).toEqual([{ id: menu, action: 'updated' }])
  })
})
