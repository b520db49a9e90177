// Stock a merchant does not track (Shopify `available: null`, an inventory item with
// `tracked: false`): the product stays eligible, no count is shown, and the trace says so.
// Stored as this count so the in-stock indexes keep working without a second column.
export const UNTRACKED_QUANTITY = 2_147_483_647;

export function isUntracked(quantity: number): boolean {
  return quantity >= UNTRACKED_QUANTITY;
}
