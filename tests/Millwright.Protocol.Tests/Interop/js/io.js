'use strict';
// Request/response plumbing shared by the scripts: one JSON document on stdin, one on stdout, bytes as hex.

async function readRequest () {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function writeResponse (response) {
  // BigInt is not JSON: every integer field is sent as a decimal string.
  process.stdout.write(JSON.stringify(response, (key, value) => typeof value === 'bigint' ? value.toString() : value));
}

function run (handler) {
  readRequest()
    .then(handler)
    .then(writeResponse)
    .catch((error) => {
      process.stderr.write(String(error && error.stack ? error.stack : error) + '\n');
      process.exitCode = 1;
    });
}

module.exports = { run };
