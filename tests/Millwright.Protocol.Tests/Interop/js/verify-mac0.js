'use strict';
// Verifies COSE_Mac0 messages written by Millwright with cose-js, then decodes each payload with the npm cbor
// package and reports the frame fields, so the C# test can compare them with what it signed.
// Request:  { keyHex, messages: [hex, ...] }
// Response: { results: [{ ok: true, protectedHex, kidHex, frame } | { ok: false, error }] }
const cose = require('cose-js');
const cbor = require('cbor');
const { run } = require('./io');

function text (value) {
  return typeof value === 'bigint' || typeof value === 'number' ? value.toString() : String(value);
}

function float32BitsHex (value) {
  const bytes = Buffer.alloc(4);
  bytes.writeFloatBE(value, 0);
  return bytes.toString('hex');
}

function describeFrame (payload) {
  const map = cbor.decodeFirstSync(payload, { preferMap: true });
  if (!(map instanceof Map)) {
    throw new Error('payload is not a CBOR map');
  }
  const samples = map.get(7) || [];
  return {
    keys: Array.from(map.keys()).map(text),
    type: text(map.get(1)),
    deviceId: map.get(2),
    bootCounter: text(map.get(3)),
    sequence: text(map.get(4)),
    timeMicros: text(map.get(5)),
    timeQuality: text(map.get(6)),
    samples: samples.map(([channel, offset, value]) => ({
      channel: text(channel),
      offset: text(offset),
      valueBitsHex: float32BitsHex(value)
    }))
  };
}

// The envelope as cose-js does not return it: the protected header bytes and the kid.
function describeEnvelope (message) {
  const tagged = cbor.decodeFirstSync(message, { preferMap: true });
  const [protectedBytes, unprotected] = tagged.value;
  return { protectedHex: protectedBytes.toString('hex'), kidHex: Buffer.from(unprotected.get(4)).toString('hex') };
}

async function verify (key, hex) {
  const message = Buffer.from(hex, 'hex');
  try {
    const payload = await cose.mac.read(message, key);
    return { ok: true, ...describeEnvelope(message), frame: describeFrame(payload) };
  } catch (error) {
    return { ok: false, error: error.message };
  }
}

run(async (request) => {
  const key = Buffer.from(request.keyHex, 'hex');
  const results = [];
  for (const hex of request.messages) {
    results.push(await verify(key, hex));
  }
  return { results };
});
