// PUT /api/datasets/SLUG/shares { accounts: [NAME, …] }: the dataset is shared with exactly these accounts
// (they read it; editors among them may add incidents). The owner or an admin; 400 naming an unknown name.
import { METADATA_BODY } from "@/lib/server/body-limits";
import { ApiError, caller, handle, json, readObject } from "@/lib/server/api";
import { setShares, shareNames } from "@/lib/auth/access";
import { findDataset, mustBeAllowed } from "@/lib/server/dataset-routes";
import { showValue } from "@/lib/incident/validate";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// @option MAX_SHARES: number = 500 accounts per dataset
const MAX_SHARES = 500;

export function PUT(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return handle(async () => {
    const c = await caller(request);
    const { dataset, access } = await findDataset(c, (await params).slug);
    mustBeAllowed(c, access.manage, "sharing a dataset");
    const { accounts } = await readObject(request, METADATA_BODY);
    if (!Array.isArray(accounts) || accounts.length > MAX_SHARES) throw new ApiError(400, `accounts: must be a list of at most ${MAX_SHARES} account names (value: ${showValue(accounts)})`, "accounts");
    const bad = accounts.findIndex((n) => typeof n !== "string");
    if (bad >= 0) throw new ApiError(400, `accounts[${bad}]: must be an account name (value: ${showValue(accounts[bad])})`, `accounts[${bad}]`);
    const names = [...new Set(accounts as string[])];
    const shares = await c.db.transaction(async (tx) => {
      const { unknown } = await setShares(tx, dataset.id, names);
      if (unknown.length) {
        const i = (accounts as string[]).indexOf(unknown[0]);
        throw new ApiError(400, `accounts[${i}]: no account ${JSON.stringify(unknown[0].slice(0, 80))}`, `accounts[${i}]`);
      }
      return shareNames(tx, dataset.id);
    });
    return json({ shares });
  });
}
