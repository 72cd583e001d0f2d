// Compiles a Solidity contract with solc-js and fixed settings, writing <Name>.abi.json and <Name>.bin.
// Usage: node compile.js <node_modules dir> <Contract.sol> <output dir>
// The ledger's committed ABI/bytecode are this script's output; ContractArtifactsTest runs it again and
// compares byte for byte. Fixed settings make that possible: optimizer on (200 runs), evmVersion paris
// (ganache 7 lacks newer opcodes such as PUSH0), and no metadata hash in the bytecode (the hash would
// change with file paths and whitespace; the compiler version stays in the CBOR tail).
'use strict';
const fs = require('fs');
const path = require('path');
const [modules, sourceFile, outDir] = process.argv.slice(2);
const solc = require(path.join(modules, 'solc'));
const name = path.basename(sourceFile, '.sol');
const input = {
    language: 'Solidity',
    sources: { [name + '.sol']: { content: fs.readFileSync(sourceFile, 'utf8') } },
    settings: {
        optimizer: { enabled: true, runs: 200 },
        evmVersion: 'paris',
        metadata: { bytecodeHash: 'none' },
        outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) process.stderr.write(e.formattedMessage + '\n');
if (errors.length > 0) process.exit(1);
const contract = output.contracts[name + '.sol'][name];
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, name + '.abi.json'), JSON.stringify(contract.abi, null, 2) + '\n');
fs.writeFileSync(path.join(outDir, name + '.bin'), contract.evm.bytecode.object + '\n');
process.stdout.write('compiled ' + name + ' with solc ' + solc.version() + '\n');
