import { describe, expect, it } from 'vitest'
import { classifyAddress } from '../../src/webhooks/address-ranges.js'
import { addressRefusal } from '../../src/webhooks/url-guard.js'

// [address, range, public, embedded IPv4 (when the form carries one)]
type Row = [string, string, boolean, string?]

// IANA IPv4 Special-Purpose Address Registry, one or more addresses per entry, plus multicast
const ipv4: Row[] = [
  ['0.0.0.0', 'unspecified', false], ['0.1.2.3', 'unspecified', false],
  ['10.0.0.1', 'private', false], ['10.255.255.255', 'private', false],
  ['100.64.0.1', 'carrierGradeNat', false], ['100.127.255.254', 'carrierGradeNat', false],
  ['127.0.0.1', 'loopback', false], ['127.255.255.254', 'loopback', false],
  ['169.254.169.254', 'linkLocal', false],
  ['172.16.0.1', 'private', false], ['172.31.255.255', 'private', false],
  ['192.0.0.1', 'reserved', false], ['192.0.0.9', 'reserved', false], ['192.0.0.170', 'reserved', false],
  ['192.0.2.10', 'reserved', false], ['192.31.196.1', 'as112', false], ['192.52.193.1', 'amt', false],
  ['192.88.99.1', 'reserved', false], ['192.168.1.20', 'private', false], ['192.175.48.1', 'as112', false],
  ['198.18.0.1', 'reserved', false], ['198.19.255.255', 'reserved', false], ['198.51.100.7', 'reserved', false],
  ['203.0.113.9', 'reserved', false], ['240.0.0.1', 'reserved', false], ['255.255.255.255', 'broadcast', false],
  ['224.0.0.1', 'multicast', false], ['239.255.255.250', 'multicast', false],
  // neighbours of the ranges stay public
  ['93.184.215.14', 'unicast', true], ['8.8.8.8', 'unicast', true], ['1.1.1.1', 'unicast', true],
  ['100.63.255.255', 'unicast', true], ['100.128.0.1', 'unicast', true], ['172.15.255.255', 'unicast', true], ['172.32.0.1', 'unicast', true],
  ['169.253.255.255', 'unicast', true], ['192.0.3.1', 'unicast', true], ['198.17.255.255', 'unicast', true], ['223.255.255.254', 'unicast', true]
]

// IANA IPv6 Special-Purpose Address Registry, and the forms that carry an IPv4 address, each in dotted and hex notation
const ipv6: Row[] = [
  ['::', 'unspecified', false], ['::1', 'loopback', false], ['0:0:0:0:0:0:0:1', 'loopback', false],
  ['::ffff:127.0.0.1', 'ipv4Mapped', false, '127.0.0.1'], ['::ffff:7f00:1', 'ipv4Mapped', false, '127.0.0.1'],
  ['::ffff:169.254.169.254', 'ipv4Mapped', false, '169.254.169.254'], ['::ffff:a9fe:a9fe', 'ipv4Mapped', false, '169.254.169.254'],
  ['::ffff:10.0.0.1', 'ipv4Mapped', false, '10.0.0.1'], ['::ffff:0.0.0.0', 'ipv4Mapped', false, '0.0.0.0'],
  ['::ffff:93.184.215.14', 'ipv4Mapped', true, '93.184.215.14'], ['::ffff:5db8:d70e', 'ipv4Mapped', true, '93.184.215.14'],
  ['::127.0.0.1', 'ipv4Compatible', false, '127.0.0.1'], ['::7f00:1', 'ipv4Compatible', false, '127.0.0.1'],
  ['::169.254.169.254', 'ipv4Compatible', false, '169.254.169.254'], ['::a9fe:a9fe', 'ipv4Compatible', false, '169.254.169.254'],
  ['::93.184.215.14', 'ipv4Compatible', false, '93.184.215.14'], ['::0.0.0.2', 'ipv4Compatible', false, '0.0.0.2'],
  ['::ffff:0:127.0.0.1', 'ipv4Translated', false, '127.0.0.1'], ['::ffff:0:7f00:1', 'ipv4Translated', false, '127.0.0.1'],
  ['64:ff9b::127.0.0.1', 'nat64', false, '127.0.0.1'], ['64:ff9b::7f00:1', 'nat64', false, '127.0.0.1'],
  ['64:ff9b::a9fe:a9fe', 'nat64', false, '169.254.169.254'], ['64:ff9b::c0a8:114', 'nat64', false, '192.168.1.20'],
  ['64:ff9b::93.184.215.14', 'nat64', true, '93.184.215.14'], ['64:ff9b::5db8:d70e', 'nat64', true, '93.184.215.14'],
  ['64:ff9b:1::5db8:d70e', 'nat64LocalUse', false],
  ['2002:7f00:1::', '6to4', false, '127.0.0.1'], ['2002:a9fe:a9fe::1', '6to4', false, '169.254.169.254'], ['2002:5db8:d70e::1', '6to4', false, '93.184.215.14'],
  // Teredo keeps the client's IPv4 address inverted in the last 32 bits: 0x80ff:fffe inverted is 127.0.0.1
  ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'teredo', false, '127.0.0.1'], ['2001::ffff:ffff', 'teredo', false, '0.0.0.0'],
  ['100::1', 'discard', false], ['100:0:0:1::1', 'notGlobalUnicast', false],
  ['2001:1::1', 'reserved', false], ['2001:1::2', 'reserved', false], ['2001:2::1', 'benchmarking', false], ['2001:3::1', 'amt', false],
  ['2001:4:112::1', 'as112v6', false], ['2620:4f:8000::1', 'as112v6', false], ['2001:10::1', 'deprecatedOrchid', false], ['2001:20::1', 'orchid2', false],
  ['2001:30::1', 'droneRemoteIdProtocolEntityTags', false], ['2001:db8::1', 'reserved', false], ['3fff::1', 'reserved', false],
  ['5f00::1', 'segmentRouting', false], ['fc00::1', 'uniqueLocal', false], ['fd12:3456::1', 'uniqueLocal', false],
  ['fe80::1', 'linkLocal', false], ['fe80::1%eth0', 'linkLocal', false], ['fec0::1', 'deprecatedSiteLocal', false],
  ['ff02::1', 'multicast', false], ['ff05::1:3', 'multicast', false],
  // outside 2000::/3 nothing is assigned for global unicast
  ['4000::1', 'notGlobalUnicast', false], ['1::1', 'notGlobalUnicast', false], ['e000::1', 'notGlobalUnicast', false],
  ['2606:4700::1111', 'unicast', true], ['2a00:1450:4001::200e', 'unicast', true], ['2001:4860:4860::8888', 'unicast', true], ['3ffe::1', 'unicast', true]
]

describe('classifyAddress (IANA special-purpose registries)', () => {
  it.each([...ipv4, ...ipv6])('%s → %s, public %s', (address, range, isPublic, embedded) => {
    const verdict = classifyAddress(address)
    expect(verdict.range).toBe(range)
    expect(verdict.public).toBe(isPublic)
    expect(verdict.embedded?.address).toBe(embedded)
  })

  it.each(['', 'localhost', 'example.com', '::g', '1.2.3.4.5', '[::1]', '256.0.0.1'])('%j is not an address, so not public', (text) => {
    expect(classifyAddress(text)).toEqual({ public: false, range: 'invalid' })
  })
})

describe('addressRefusal', () => {
  it('refuses a host when any one of its addresses is not public, naming it and what it carries', () => {
    expect(addressRefusal(['93.184.215.14', '2606:4700::1111'])).toBeNull()
    expect(addressRefusal(['93.184.215.14', '::a9fe:a9fe'])).toMatch(/::a9fe:a9fe \(ipv4Compatible carrying 169\.254\.169\.254, linkLocal\)/)
    expect(addressRefusal([])).toBe('resolves to no address')
  })
})
