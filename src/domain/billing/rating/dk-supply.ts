// Danish electricity supply: the retailer's subscription and the energy lines of supply.ts.
import { fixedFeeLines, listsByDay, type Context } from "./lines";
import { energyLines } from "./supply";

export function rateDkSupply(ctx: Context): void {
  const lists = listsByDay(ctx, "DK_SUPPLY");
  fixedFeeLines(ctx, {
    product: "DK_SUPPLY",
    code: "DK_SUPPLY_SUBSCRIPTION",
    lists,
    feeOf: (list) => ({ amount: list.prices.subscriptionPerMonth, per: "month" }),
  });
  energyLines(ctx, "DK_SUPPLY", lists);
}
