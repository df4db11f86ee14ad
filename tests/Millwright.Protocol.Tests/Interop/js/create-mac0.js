'use strict';
// Builds frame payloads with the npm cbor package and MACs them with cose-js as COSE_Mac0 (alg 5, which
// cose-js 0.9.0 names 'SHA-256' or 'HS256'; it does not know 'SHA-256_256'), kid in the unprotected header.
// Request:  { keyHex, kidHex, plainNumbers, frames: [{ deviceId, bootCounter, sequence, timeMicros, timeQuality,
//             samples: [{ channel, offset, valueBitsHex }] }] }  (64-bit integers as decimal strings)
// Response: { messages: [{ coseHex, payloadHex }] }
const cose = require('cose-js');
const cbor = require('cbor');
const { run } = require('./io');

// A JS number does not say whether it is a float: cbor encodes 20.0 as the integer 20 and 0.0 as the integer 0,
// which a schema with float sample values must reject. Sample values therefore go through cbor's float path
// (_pushFloat), in canonical mode so it picks the shortest of half, single and double that keeps the value
// (RFC 8949 §4.2.2 preferred serialization). _pushFloat assumes zeros, NaN and infinities were handled before it
// (its half conversion refuses ±0 and falls back to fa00000000), so those are written as halves here.
const HALF_ZERO = Buffer.from('f90000', 'hex');
const HALF_NEGATIVE_ZERO = Buffer.from('f98000', 'hex');

class FloatValue {
  constructor (value) {
    this.value = value;
  }

  encodeCBOR (encoder) {
    if (this.value === 0) {
      return encoder.push(Object.is(this.value, -0) ? HALF_NEGATIVE_ZERO : HALF_ZERO);
    }
    if (Number.isNaN(this.value) || !Number.isFinite(this.value)) {
      return encoder.pushAny(this.value); // f97e00, f97c00, f9fc00
    }
    return encoder._pushFloat(this.value);
  }
}

function sampleValue (bitsHex, plainNumbers) {
  const value = Buffer.from(bitsHex, 'hex').readFloatBE(0);
  return plainNumbers ? value : new FloatValue(value);
}

function framePayload (frame, plainNumbers) {
  const samples = frame.samples.map((s) => [Number(s.channel), Number(s.offset), sampleValue(s.valueBitsHex, plainNumbers)]);
  const map = new Map([
    [1, 1],
    [2, frame.deviceId],
    [3, BigInt(frame.bootCounter)],
    [4, BigInt(frame.sequence)],
    [5, BigInt(frame.timeMicros)],
    [6, Number(frame.timeQuality)],
    [7, samples]
  ]);
  return cbor.encodeCanonical(map);
}

run(async (request) => {
  const key = Buffer.from(request.keyHex, 'hex');
  const kid = Buffer.from(request.kidHex, 'hex');
  const messages = [];
  for (const frame of request.frames) {
    const payload = framePayload(frame, request.plainNumbers === true);
    const headers = { p: { alg: 'SHA-256' }, u: { kid } };
    const message = await cose.mac.create(headers, payload, { key });
    messages.push({ coseHex: message.toString('hex'), payloadHex: payload.toString('hex') });
  }
  return { messages };
});
