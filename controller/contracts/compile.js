'use strict';
// Compiles MillwrightAnchor.sol with the solc-js version pinned in package-lock.json and writes, into build/ (or the
// folder after --out):
//   MillwrightAnchor.abi.json      the ABI, pretty-printed
//   MillwrightAnchor.bin           creation bytecode (hex, no 0x), what a deployment sends before the constructor argument
//   MillwrightAnchor.runtime.bin   deployed bytecode (hex, no 0x), what eth_getCode returns at a deployed address
// The committed build/ files must equal a fresh compile: the controller tests recompile into a temporary folder and
// compare byte for byte. Settings that change the bytes (compiler version, EVM version, optimizer) live only here.
const fs = require('node:fs');
const path = require('node:path');
const solc = require('solc');

const CONTRACT = 'MillwrightAnchor';
const SOURCE_FILE = `${CONTRACT}.sol`;
const EXPECTED_COMPILER = '0.8.37+commit.f401782d';
const SETTINGS = {
  // Cancun: supported by Ethereum mainnet and the common L2s; the contract needs nothing newer.
  evmVersion: 'cancun',
  optimizer: { enabled: true, runs: 200 },
  outputSelection: { [SOURCE_FILE]: { [CONTRACT]: ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
};

function outputFolder (argv) {
  const index = argv.indexOf('--out');
  return index >= 0 && argv[index + 1] ? path.resolve(argv[index + 1]) : path.join(__dirname, 'build');
}

function main () {
  if (!solc.version().startsWith(EXPECTED_COMPILER)) {
    throw new Error(`solc ${solc.version()} is installed, ${EXPECTED_COMPILER} is pinned: run npm ci`);
  }

  // LF line endings whatever the checkout did, so a Windows clone compiles to the same metadata hash.
  const source = fs.readFileSync(path.join(__dirname, SOURCE_FILE), 'utf8').replace(/\r\n/g, '\n');
  const input = { language: 'Solidity', sources: { [SOURCE_FILE]: { content: source } }, settings: SETTINGS };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors || []).filter((entry) => entry.severity === 'error');
  for (const entry of output.errors || []) {
    process.stderr.write(entry.formattedMessage + '\n');
  }
  if (errors.length > 0) {
    throw new Error(`${errors.length} compile error(s)`);
  }
  if ((output.errors || []).length > 0) {
    throw new Error('the contract must compile without warnings');
  }

  const compiled = output.contracts[SOURCE_FILE][CONTRACT];
  const folder = outputFolder(process.argv);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, `${CONTRACT}.abi.json`), JSON.stringify(compiled.abi, null, 2) + '\n');
  fs.writeFileSync(path.join(folder, `${CONTRACT}.bin`), compiled.evm.bytecode.object + '\n');
  fs.writeFileSync(path.join(folder, `${CONTRACT}.runtime.bin`), compiled.evm.deployedBytecode.object + '\n');
  process.stdout.write(`compiled ${CONTRACT} with solc ${solc.version()} (evm ${SETTINGS.evmVersion}) into ${folder}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(String(error && error.message ? error.message : error) + '\n');
  process.exitCode = 1;
}
