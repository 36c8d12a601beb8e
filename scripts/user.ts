// npm run user -- add NAME --role admin (and list, set-role, password, disable, enable): see lib/auth/user-command.ts.
// With the embedded store, stop the server first: one process at a time may open data/db/. The first admin
// can also be made while the server runs, with the setup key it prints at start (POST /api/setup).
import { createInterface } from "node:readline";
import { openDb } from "@/lib/db/open";
import { runUserCommand, USAGE } from "@/lib/auth/user-command";

/** A password from standard input: typed without echo at a terminal, or the first line of a pipe. */
async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = "";
    for await (const chunk of process.stdin) text += chunk;
    return text.split(/\r?\n/)[0];
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const muted = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write(prompt);
  muted._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question("", resolve));
  rl.close();
  process.stdout.write("\n");
  return answer;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length === 0 || args[0] === "--help") {
    console.log(USAGE);
    return args.length === 0 ? 2 : 0;
  }
  const db = await openDb();
  try {
    return await runUserCommand(db, args, { readPassword, out: (line) => console.log(line) });
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    // An expected refusal (the store is open in the server) is one line; anything else keeps its stack.
    console.error(err.name === "FolderLockedError" ? `user: ${err.message}; or, with no account yet, use the setup key the server printed at start` : err);
    process.exit(1);
  },
);
