// Bodega's egress guard: refuses every TCP or UDP connection, and every name lookup, that would
// leave the machine (anything but 127.0.0.0/8, ::1 and localhost). Loaded with `--require` through
// NODE_OPTIONS, so the jest process, its workers and every child a test starts (npm start, bench
// servers) carry it. A refusal fails the connection with code EBODEGA_EGRESS, is printed to stderr,
// and is appended to the file in BODEGA_EGRESS_REPORT so that the test which caused it fails.
'use strict';

const net = require('node:net');

// Kept on the core module, which jest's sandboxes share with the real process: installed once.
const STATE = Symbol.for('bodega.egressGuard');
if (!net[STATE]) install();

function install() {
  const dgram = require('node:dgram');
  const dns = require('node:dns');
  const fs = require('node:fs');
  const os = require('node:os');
  const path = require('node:path');

  const state = {
    guardPath: __filename,
    /** Set by jest's setup in a worker, which checks this process's refusals itself after each test. */
    watched: false,
    /** Refusals in this process, oldest first. */
    violations: [],
    /** Removes and returns this process's refusals from `since` on (a test that provokes one on purpose). */
    take(since = 0) {
      return state.violations.splice(since);
    },
  };
  net[STATE] = state;
  // Set once in the first guarded process (jest's own); workers and children inherit it.
  if (!process.env.BODEGA_EGRESS_REPORT) {
    process.env.BODEGA_EGRESS_REPORT = path.join(os.tmpdir(), `bodega-egress-${process.pid}-${Date.now()}.jsonl`);
  }

  function isLoopbackAddress(address) {
    if (net.isIPv4(address)) return address.startsWith('127.');
    if (net.isIPv6(address)) {
      const lower = address.toLowerCase();
      return lower === '::1' || /^::ffff:127\./.test(lower);
    }
    return false;
  }

  function isLocalHost(host) {
    if (host === undefined || host === null || host === '') return true; // Node's default is localhost
    const name = String(host).replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
    if (net.isIP(name)) return isLoopbackAddress(name);
    return name === 'localhost' || name.endsWith('.localhost');
  }

  function refuse(kind, host, port) {
    const stack = new Error().stack.split('\n').slice(3).join('\n');
    const violation = { kind, host: String(host), port: port === undefined ? null : Number(port), pid: process.pid, stack };
    state.violations.push(violation);
    const report = process.env.BODEGA_EGRESS_REPORT;
    try {
      if (report && !state.watched) fs.appendFileSync(report, `${JSON.stringify(violation)}\n`);
    } catch {
      // The report is a courtesy; the refusal itself is what protects.
    }
    process.stderr.write(`bodega egress guard: refused ${kind} to ${host}${port === undefined ? '' : `:${port}`} (outside loopback)\n${stack}\n`);
    const error = new Error(`Bodega's egress guard refused a ${kind} to ${host}${port === undefined ? '' : `:${port}`}: nothing may connect outside 127.0.0.0/8.`);
    error.code = 'EBODEGA_EGRESS';
    return error;
  }

  // --- TCP (net, and through it http, https, tls, undici's fetch, pg, ioredis) ---
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    const target = tcpTarget(args);
    if (target && !target.path && !isLocalHost(target.host)) {
      const error = refuse('TCP connection', target.host, target.port);
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return connect.apply(this, args);
  };

  function tcpTarget(args) {
    let first = args[0];
    if (Array.isArray(first)) first = first[0]; // net.connect() passes its normalized arguments
    if (first && typeof first === 'object') return { host: first.host, port: first.port, path: first.path };
    if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
    if (first !== undefined) return { host: typeof args[1] === 'string' ? args[1] : undefined, port: first };
    return undefined;
  }

  // --- UDP ---
  const send = dgram.Socket.prototype.send;
  dgram.Socket.prototype.send = function guardedSend(message, ...rest) {
    const numbers = rest.filter((value) => typeof value === 'number').length;
    const addressIndex = numbers >= 3 ? 3 : numbers >= 1 ? 1 : -1;
    const address = addressIndex >= 0 && typeof rest[addressIndex] === 'string' ? rest[addressIndex] : undefined;
    if (address !== undefined && !isLocalHost(address)) throw refuse('UDP datagram', address, rest[addressIndex - 1]);
    return send.call(this, message, ...rest);
  };
  const udpConnect = dgram.Socket.prototype.connect;
  dgram.Socket.prototype.connect = function guardedUdpConnect(port, address, ...rest) {
    if (typeof address === 'string' && !isLocalHost(address)) throw refuse('UDP connection', address, port);
    return udpConnect.call(this, port, address, ...rest);
  };

  // --- Name lookups: resolving a remote name already asks a remote DNS server ---
  const lookup = dns.lookup;
  dns.lookup = function guardedLookup(hostname, ...rest) {
    if (!isLocalHost(hostname)) {
      const error = refuse('DNS lookup', hostname);
      const callback = rest[rest.length - 1];
      if (typeof callback === 'function') process.nextTick(() => callback(error));
      return {};
    }
    return lookup.call(this, hostname, ...rest);
  };
  const promisesLookup = dns.promises.lookup;
  dns.promises.lookup = async function guardedPromisesLookup(hostname, ...rest) {
    if (!isLocalHost(hostname)) throw refuse('DNS lookup', hostname);
    return promisesLookup.call(this, hostname, ...rest);
  };
}

module.exports = net[STATE];
