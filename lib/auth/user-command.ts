import "server-only";
// `npm run user -- …`: accounts from the command line, above all the first admin (there is no sign-up).
// Passwords are read from standard input, never from the arguments (which other users can list).
import type { Queryable } from "../db/types";
import { countAdmins, createAccount, getAccountByName, listAccounts, nameTaken, updateAccount } from "./accounts";
import { ACCOUNT_ROLES, accountNameIssue, isAccountRole, type AccountRole } from "../rules/account";
import { hashPassword, passwordIssue } from "./password";

export const USAGE = `usage: npm run user -- <command>
  add NAME --role admin|editor|viewer   make an account; its password is read from standard input
  list                                  every account with its role
  set-role NAME admin|editor|viewer     change an account's role
  password NAME                         set a new password, read from standard input; ends its sessions
  disable NAME | enable NAME            stop (and end its sessions) or allow an account's sign-ins`;

export interface Io {
  readPassword(prompt: string): Promise<string>;
  out(line: string): void;
}

class UsageError extends Error {}

function nameArg(args: readonly string[], at: number): string {
  const name = args[at];
  if (name === undefined) throw new UsageError("NAME is missing");
  const issue = accountNameIssue(name);
  if (issue) throw new UsageError(`${issue} (value: ${JSON.stringify(name)})`);
  return name;
}

function roleArg(value: string | undefined): AccountRole {
  if (!isAccountRole(value)) throw new UsageError(`role: must be one of ${ACCOUNT_ROLES.join(", ")} (value: ${JSON.stringify(value ?? "")})`);
  return value;
}

async function newPassword(io: Io): Promise<string> {
  const password = await io.readPassword("Password: ");
  const issue = passwordIssue(password);
  if (issue) throw new UsageError(issue);
  return password;
}

/** Runs one command; returns the process's exit status (0 done, 1 refused, 2 usage). */
export async function runUserCommand(db: Queryable, args: readonly string[], io: Io): Promise<number> {
  try {
    const [command] = args;
    switch (command) {
      case "add": {
        const name = nameArg(args, 1);
        const at = args.indexOf("--role");
        const role = roleArg(at > 0 ? args[at + 1] : undefined);
        if (await nameTaken(db, name)) throw new UsageError(`name: ${JSON.stringify(name)} is taken (names are the same whatever their case)`);
        const passwordHash = await hashPassword(await newPassword(io));
        await createAccount(db, { name, role, passwordHash });
        io.out(`added ${name} (${role})`);
        return 0;
      }
      case "list": {
        for (const a of await listAccounts(db)) io.out(`${a.name}\t${a.role}${a.disabledAt ? "\tdisabled" : ""}`);
        return 0;
      }
      case "set-role":
      case "password":
      case "disable":
      case "enable": {
        const name = nameArg(args, 1);
        const patch =
          command === "set-role" ? { role: roleArg(args[2]) } : command === "password" ? { passwordHash: await hashPassword(await newPassword(io)) } : { disabled: command === "disable" };
        const before = await getAccountByName(db, name);
        const stepsDown = before?.role === "admin" && !before.disabledAt && (command === "disable" || (command === "set-role" && args[2] !== "admin"));
        if (stepsDown && (await countAdmins(db)) <= 1) throw new UsageError(`${name} is the last admin; make another admin first`);
        const account = await updateAccount(db, name, patch);
        if (!account) throw new UsageError(`no account ${JSON.stringify(name)}`);
        io.out(`${name}: ${command === "set-role" ? `role ${account.role}` : command === "password" ? "password changed" : `${command}d`}`);
        return 0;
      }
      default:
        io.out(command ? `unknown command ${JSON.stringify(command)}\n${USAGE}` : USAGE);
        return 2;
    }
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.out(`refused: ${err.message}`);
    return 1;
  }
}
