// Preloaded into a server (NODE_OPTIONS=--require) by tests/browser/http-hardening.test.ts: on SIGUSR2 it
// prints whether http.Server.prototype.emit is still the function Node had before the server's code ran.
const { Server } = require("node:http");
const own = Server.prototype.emit;
process.on("SIGUSR2", () => console.log(`Server.prototype.emit: ${Server.prototype.emit === own ? "Node's own" : "replaced"}`));
