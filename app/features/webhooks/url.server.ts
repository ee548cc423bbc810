import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { promises as dns } from 'node:dns'
import { BlockList, isIP, type LookupFunction } from 'node:net'
import { env } from '#app/env.server.ts'
import { invalid } from '#app/utils/errors.ts'

/** Addresses a webhook must never reach in production: loopback, private, link-local, carrier NAT, unspecified, multicast, reserved. */
const blocked = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6')

/** True for an address a production webhook may not reach (IPv4-mapped IPv6 is judged as IPv4). */
export function isPrivateAddress(address: string) {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return blocked.check(mapped[1]!, 'ipv4')
  const family = isIP(address)
  if (family === 0) return true
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

/**
 * Where the https and public-address rules apply: a production server, except the self-contained
 * demo (DEMO=1, as the browser suite runs it), whose receivers are local, the same exception
 * secure cookies make (app/env.server.ts `secureCookies`).
 */
export const isProduction = () => env().NODE_ENV === 'production' && !env().DEMO

const urlError = (message: string) => invalid(`The endpoint was not saved. ${message}`, { url: [message] })

/**
 * Checks an endpoint URL and returns it normalized. Everywhere: an absolute http(s) URL without
 * credentials. In production also: https only, and the host must resolve only to public
 * addresses (no loopback, private or link-local: a webhook must not probe our own network).
 */
export async function checkWebhookUrl(raw: string, { production = isProduction() }: { production?: boolean } = {}) {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw urlError('Enter a full URL, e.g. https://example.com/webhooks.')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw urlError(production ? 'The URL must start with https://.' : 'The URL must start with https:// (http:// is accepted too, outside production).')
  if (url.username || url.password) throw urlError('The URL must not contain a user name or password.')
  url.hash = ''
  if (production) {
    if (url.protocol !== 'https:') throw urlError('The URL must use https:// (webhooks carry private data).')
    await assertPublicHost(url.hostname, urlError)
  }
  return url.toString()
}

/** Refuses a host that is, or resolves to, a non-public address. */
export async function assertPublicHost(hostname: string, refuse: (message: string) => Error) {
  const host = hostname.replace(/^\[|\]$/g, '')
  let addresses: string[]
  if (isIP(host)) addresses = [host]
  else {
    try {
      addresses = (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address)
    } catch {
      throw refuse(`The host ${host} could not be found.`)
    }
  }
  const bad = addresses.find(isPrivateAddress)
  if (bad) throw refuse(`The host ${host} resolves to ${bad}, a private, loopback or link-local address; webhooks may only reach the public internet.`)
}

/**
 * A DNS lookup for the sending socket that refuses private addresses, so a host cannot pass the
 * check and then resolve elsewhere when connecting (DNS rebinding).
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0)
    const bad = addresses.find((a) => isPrivateAddress(a.address))
    if (bad) return callback(new Error(`${hostname} resolves to ${bad.address}, a non-public address`), '', 0)
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses)
    callback(null, addresses[0]!.address, addresses[0]!.family)
  })
}
