import { describe, expect } from 'vitest'
import { test } from '../helpers/app.js'
import { uniqueTitle } from '../helpers/content.js'
import { mp4Header, pdf, png } from './fixtures.js'
import { multipart } from './multipart.js'

/*
 * The two halves of the media library together: an uploaded file carries default text from its
 * form, per-edition text from a later PATCH (the file fields stay locked), shows both with its
 * `file`, and is an attachment whose delete is refused while attached and frees the file after.
 */

const problemJson = /^application\/problem\+json/

describe('uploaded media with text per edition and as attachments', { timeout: 90_000 }, () => {
  test('an upload takes a title, gets per-edition text, keeps its file, and is attached in the owner\'s edition', async ({ app, keys, sql }) => {
    const form = multipart([
      { name: 'title', value: 'Flood barrier' },
      { name: 'caption', value: 'The barrier held.' },
      { name: 'file', filename: 'barrier.png', data: await png({ seed: 7 }) }
    ])
    const uploaded = await app.inject({ method: 'POST', url: '/v1/media', headers: { ...keys.editor.auth, ...form.headers }, payload: form.payload })
    expect(uploaded.statusCode, uploaded.body).toBe(201)
    const item = uploaded.json().data
    expect(item).toMatchObject({ title: 'Flood barrier', caption: 'The barrier held.', textEdition: null, translations: [] })
    expect(item.file).toMatchObject({ originalFilename: 'barrier.png', mimeType: 'image/png' })

    // the text is editable, per edition too; the file's own fields are not
    const etag = uploaded.headers.etag as string
    const locked = await app.inject({ method: 'PATCH', url: `/v1/media/${item.id}`, headers: { ...keys.editor.auth, 'if-match': etag }, payload: { width: 10, translations: [{ edition: 'ar', caption: 'صمد الحاجز.' }] } })
    expect(locked.statusCode).toBe(409)
    expect(locked.headers['content-type']).toMatch(problemJson)
    expect(sql.prepare('select count(*) n from media_translations where media_id = ?').get(item.id)).toEqual({ n: 0 })
    const patched = await app.inject({ method: 'PATCH', url: `/v1/media/${item.id}`, headers: { ...keys.editor.auth, 'if-match': etag }, payload: { translations: [{ edition: 'ar', caption: 'صمد الحاجز.' }] } })
    expect(patched.statusCode, patched.body).toBe(200)

    const inArabic = (await app.inject({ url: `/v1/media/${item.id}?edition=ar` })).json().data
    expect(inArabic).toMatchObject({ title: 'Flood barrier', caption: 'صمد الحاجز.', textEdition: 'ar', url: item.file.url })
    expect(inArabic.file).toEqual(item.file)

    // attached to an Arabic article: embedded with its Arabic caption and its file
    const article = await app.inject({ method: 'POST', url: '/v1/articles', headers: keys.editor.auth, payload: { edition: 'ar', title: uniqueTitle('مقال'), attachments: [{ mediaId: item.id, label: 'الصورة' }] } })
    expect(article.statusCode, article.body).toBe(201)
    const { id: articleId } = article.json().data
    const read = await app.inject({ url: `/v1/articles/${articleId}?include=attachments`, headers: keys.editor.auth })
    expect(read.statusCode, read.body).toBe(200)
    const [attached] = read.json().data.attachments
    expect(attached).toMatchObject({ mediaId: item.id, label: 'الصورة', media: { caption: 'صمد الحاجز.', textEdition: 'ar', file: { sha256: item.file.sha256 } } })

    // refused while attached, and the file stays; once the article is gone the delete frees it
    const refused = await app.inject({ method: 'DELETE', url: `/v1/media/${item.id}`, headers: keys.editor.auth })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().detail).toContain(`article ${articleId} (attachment)`)
    expect(sql.prepare('select count(*) n from media_files where sha256 = ?').get(item.file.sha256)).toEqual({ n: 1 })
    expect((await app.inject({ method: 'DELETE', url: `/v1/articles/${articleId}`, headers: keys.editor.auth })).statusCode).toBe(204)
    expect((await app.inject({ method: 'DELETE', url: `/v1/media/${item.id}`, headers: keys.editor.auth })).statusCode).toBe(204)
    expect(sql.prepare('select (select count(*) from media_files where sha256 = ?) files, (select count(*) from media_translations where media_id = ?) texts').get(item.file.sha256, item.id)).toEqual({ files: 0, texts: 0 })
    expect((await app.inject({ url: new URL(item.file.url).pathname })).statusCode).toBe(404)
  })

  test('an uploaded video lists the encodings and the poster the editor uploaded beside it; an image\'s renditions stay derived', async ({ app, keys }) => {
    const upload = async (filename: string, data: Buffer) => {
      const form = multipart([{ name: 'file', filename, data }])
      const response = await app.inject({ method: 'POST', url: '/v1/media', headers: { ...keys.editor.auth, ...form.headers }, payload: form.payload })
      expect(response.statusCode, response.body).toBe(201)
      return { item: response.json().data, etag: response.headers.etag as string }
    }
    const video = await upload('interview.mp4', mp4Header(16 * 1024))
    const small = await upload('interview-360p.mp4', mp4Header(12 * 1024))
    const poster = await upload('interview-poster.png', await png({ width: 160, height: 90, seed: 3 }))
    const renditions = [
      { name: '360p', url: small.item.file.url, mimeType: 'video/mp4', width: 640, height: 360, bytes: small.item.bytes },
      { name: 'poster', url: poster.item.file.url, mimeType: 'image/png', width: 160, height: 90 }
    ]
    const patched = await app.inject({ method: 'PATCH', url: `/v1/media/${video.item.id}`, headers: { ...keys.editor.auth, 'if-match': video.etag }, payload: { renditions } })
    expect(patched.statusCode, patched.body).toBe(200)
    const read = (await app.inject({ url: `/v1/media/${video.item.id}` })).json().data
    expect(read.renditions.map((r: { name: string, url: string }) => [r.name, r.url])).toEqual([['360p', small.item.file.url], ['poster', poster.item.file.url]])
    expect(read.file.sha256).toBe(video.item.file.sha256)
    // an image's renditions are made from its file: a list is refused and nothing changes
    const refused = await app.inject({ method: 'PATCH', url: `/v1/media/${poster.item.id}`, headers: { ...keys.editor.auth, 'if-match': poster.etag }, payload: { renditions } })
    expect(refused.statusCode).toBe(409)
    expect((await app.inject({ url: `/v1/media/${poster.item.id}` })).json().data.renditions).toEqual(poster.item.renditions)
  })

  test('a PDF upload is listed with its page count and its text in the asked edition', async ({ app, keys }) => {
    const form = multipart([{ name: 'title', value: 'Newsletter' }, { name: 'file', filename: 'issue.pdf', data: await pdf(2) }])
    const uploaded = await app.inject({ method: 'POST', url: '/v1/media', headers: { ...keys.editor.auth, ...form.headers }, payload: form.payload })
    expect(uploaded.statusCode, uploaded.body).toBe(201)
    const { id } = uploaded.json().data
    const patched = await app.inject({ method: 'PATCH', url: `/v1/media/${id}`, headers: { ...keys.editor.auth, 'if-match': uploaded.headers.etag as string }, payload: { translations: [{ edition: 'fa', title: 'خبرنامه' }] } })
    expect(patched.statusCode, patched.body).toBe(200)
    const list = await app.inject({ url: '/v1/media?kind=document&edition=fa&limit=5' })
    expect(list.statusCode, list.body).toBe(200)
    const listed = list.json().data.find((m: { id: number }) => m.id === id)
    expect(listed).toMatchObject({ title: 'خبرنامه', textEdition: 'fa', file: { pageCount: 2, originalFilename: 'issue.pdf' } })
  })
})
