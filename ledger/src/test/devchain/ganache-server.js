// Starts a ganache dev chain for the ledger's chain tests and prints "listening <port>" once ready.
// Usage: node ganache-server.js <node_modules dir> <chainId> <hardfork>
// Listens on 127.0.0.1 only, on a port the OS picks (no race over a "free" port). Exits when its stdin
// closes, so the chain never outlives the JVM that started it; the tests also stop it by PID.
'use strict';
const path = require('path');
const [modules, chainId, hardfork] = process.argv.slice(2);
const ganache = require(path.join(modules, 'ganache'));
const server = ganache.server({
    chain: { chainId: Number(chainId), hardfork },
    wallet: { deterministic: true, totalAccounts: 3 },
    logging: { quiet: true },
});
server.listen(0, '127.0.0.1').then(() => {
    process.stdout.write('listening ' + server.address().port + '\n');
}, (err) => {
    process.stderr.write('ganache failed to start: ' + err.message + '\n');
    process.exit(1);
});
process.stdin.on('data', () => {});
process.stdin.on('end', () => server.close().finally(() => process.exit(0)));
