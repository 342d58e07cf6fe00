import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { Evidence } from '@/lib/catalogue/types'
import { decodeCursor, encodeCursor } from '@/lib/tickets/cursor'
import { endOfParisDay, startOfParisDay } from '@/lib/tickets/dates'
import { bulkInputFromForm, ticketUpdateFromForm } from '@/lib/tickets/form'
import { highlightSegments } from '@/lib/tickets/highlight'
import { queueHref, queueParamsFrom } from '@/lib/tickets/queue-url'
import { canTransition, ticketStatuses } from '@/lib/tickets/status'

const ev = (start: number, end: number, signal = 's'): Evidence => ({ text: '', signal, category: 'UNKNOWN', start, end })

describe('highlightSegments', () => {
  it('marks evidence spans and keeps the text intact', () => {
    expect(highlightSegments('erreur 503 ici', [ev(7, 10, '503')])).toEqual([
      { text: 'erreur ' },
      { text: '503', signals: ['503'] },
      { text: ' ici' },
    ])
  })
  it('merges overlaps and ignores out-of-range offsets', () => {
    expect(highlightSegments('abcdef', [ev(1, 4, 'x'), ev(2, 5, 'y'), ev(4, 99), ev(-1, 2)])).toEqual([
      { text: 'a' },
      { text: 'bcde', signals: ['x', 'y'] },
      { text: 'f' },
    ])
  })
  it('always concatenates back to the message', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.tuple(fc.nat(40), fc.nat(40))), (msg, pairs) => {
        const segments = highlightSegments(msg, pairs.map(([a, b]) => ev(Math.min(a, b), Math.max(a, b))))
        expect(segments.map((s) => s.text).join('')).toBe(msg)
      }),
    )
  })
})

describe('cursor', () => {
  it('round-trips each sort and refuses another sort or garbage', () => {
    const updated = { sort: 'updated' as const, id: 42, updatedAt: new Date('2026-09-01T10:00:00.123Z') }
    expect(decodeCursor(encodeCursor(updated), 'updated')).toEqual(updated)
    expect(decodeCursor(encodeCursor({ sort: 'priority', id: 3, priority: 2 }), 'priority')).toEqual({ sort: 'priority', id: 3, priority: 2 })
    expect(decodeCursor(encodeCursor({ sort: 'created', id: 7 }), 'created')).toEqual({ sort: 'created', id: 7 })
    expect(decodeCursor(encodeCursor({ sort: 'created', id: 7 }), 'updated')).toBeNull()
    for (const bad of ['', 'abc', Buffer.from('["created",-1]').toString('base64url'), Buffer.from('["updated",1,"nope"]').toString('base64url')]) {
      expect(decodeCursor(bad, bad.includes('updated') ? 'updated' : 'created')).toBeNull()
    }
  })
})

describe('status transitions', () => {
  it('allows reopening closed tickets only to IN_PROGRESS or NEW', () => {
    expect(canTransition('RESOLVED', 'IN_PROGRESS')).toBe(true)
    expect(canTransition('REJECTED', 'NEW')).toBe(true)
    expect(canTransition('RESOLVED', 'REJECTED')).toBe(false)
    expect(canTransition('REJECTED', 'WAITING_USER')).toBe(false)
    for (const s of ticketStatuses) expect(canTransition(s, s)).toBe(false)
  })
})

describe('Paris calendar days', () => {
  it('starts days at local midnight in summer and winter', () => {
    expect(startOfParisDay('2026-07-14').toISOString()).toBe('2026-07-13T22:00:00.000Z')
    expect(startOfParisDay('2026-12-25').toISOString()).toBe('2026-12-24T23:00:00.000Z')
    expect(endOfParisDay('2026-03-28').toISOString()).toBe('2026-03-28T23:00:00.000Z') // DST starts on the 29th
    expect(endOfParisDay('2026-03-29').toISOString()).toBe('2026-03-29T22:00:00.000Z')
  })
})

describe('forms', () => {
  const fd = (entries: [string, string][]) => {
    const f = new FormData()
    for (const [k, v] of entries) f.append(k, v)
    return f
  }
  it('maps each workspace form to its own fields', () => {
    expect(ticketUpdateFromForm(fd([['reference', 'R'], ['version', '3'], ['intent', 'assign'], ['assigneeId', '']]))).toEqual({
      reference: 'R',
      intent: 'assign',
      input: { version: '3', assigneeId: null },
    })
    expect(ticketUpdateFromForm(fd([['intent', 'status'], ['version', '1'], ['status', 'NEW'], ['note', 'ignored']])).input).toEqual({
      version: '1',
      status: 'NEW',
      publicMessage: '',
    })
    expect(ticketUpdateFromForm(fd([['intent', 'hack']])).intent).toBeNull()
  })
  it('collects bulk selections', () => {
    expect(bulkInputFromForm(fd([['action', 'status'], ['status', 'RESOLVED'], ['items', 'A:1'], ['items', 'B:2']]))).toEqual({
      action: 'status',
      status: 'RESOLVED',
      items: ['A:1', 'B:2'],
    })
  })
})

describe('queue URLs', () => {
  it('keeps known non-empty params and restarts pagination on a filter change', () => {
    const params = queueParamsFrom({ q: 'mot', status: '', cursor: 'c1', evil: 'x', category: ['WRONG_ADDRESS', 'UNKNOWN'] })
    expect(params).toEqual({ q: 'mot', cursor: 'c1', category: 'WRONG_ADDRESS' })
    expect(queueHref(params, { status: 'NEW' })).toBe('/admin?q=mot&category=WRONG_ADDRESS&status=NEW')
    expect(queueHref(params, { cursor: 'c2' })).toBe('/admin?q=mot&category=WRONG_ADDRESS&cursor=c2')
    expect(queueHref({})).toBe('/admin')
  })
})
