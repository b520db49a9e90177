// Merchant Center product data specification attributes: which Vitrine reads, which it knows and
// ignores (reported per import with counts, never silently dropped), and how feed headers are
// spelled (`image link`, `Image_Link`, `g:image_link` are all `image_link`).

/** Attributes Vitrine reads from a product feed row (plus its own margin and return_rate). */
export const READ_ATTRIBUTES: ReadonlySet<string> = new Set([
  'id', 'title', 'description', 'link', 'mobile_link', 'image_link', 'additional_image_link',
  'availability', 'availability_date', 'price', 'sale_price', 'sale_price_effective_date',
  'unit_pricing_measure', 'unit_pricing_base_measure', 'google_product_category', 'product_type',
  'brand', 'gtin', 'mpn', 'condition', 'age_group', 'color', 'gender', 'material', 'pattern', 'size',
  'item_group_id', 'shipping', 'custom_label_0', 'custom_label_1', 'custom_label_2', 'custom_label_3',
  'custom_label_4', 'margin', 'return_rate',
  // Vitrine's localized copies (title_ar, description_ar) are read too: see localizedField().
]);

/** The rest of the specification: known, valid, and not used by Vitrine's creatives. */
export const IGNORED_ATTRIBUTES: ReadonlySet<string> = new Set([
  'lifestyle_image_link', '3d_model_link', 'virtual_model_link', 'canonical_link', 'link_template', 'mobile_link_template',
  'ads_redirect', 'cost_of_goods_sold', 'expiration_date', 'installment', 'subscription_cost', 'loyalty_points',
  'loyalty_program', 'minimum_price', 'auto_pricing_min_price', 'maximum_retail_price', 'sell_on_google_quantity',
  'identifier_exists', 'adult', 'multipack', 'is_bundle', 'certification', 'energy_efficiency_class',
  'min_energy_efficiency_class', 'max_energy_efficiency_class', 'size_type', 'size_system', 'product_length',
  'product_width', 'product_height', 'product_weight', 'product_detail', 'product_highlight', 'short_title',
  'structured_title', 'structured_description', 'promotion_id', 'excluded_destination', 'included_destination',
  'shopping_ads_excluded_country', 'pause', 'shipping_label', 'shipping_weight', 'shipping_length', 'shipping_width',
  'shipping_height', 'ships_from_country', 'transit_time_label', 'max_handling_time', 'min_handling_time',
  'free_shipping_threshold', 'tax', 'tax_category', 'return_policy_label', 'disclosure_date', 'external_seller_id',
  'pickup_method', 'pickup_sla', 'display_ads_id', 'display_ads_similar_id', 'display_ads_title', 'display_ads_link',
  'display_ads_value', 'excluded_destination', 'feed_label', 'content_language', 'target_country', 'channel',
  'gtins', 'consumer_notice', 'product_fee', 'energy_label', 'instore_product_location', 'store_code',
]);

/** Languages a feed may localize title/description for (`title_ar`). */
export const LOCALIZED_FIELDS: ReadonlySet<string> = new Set(['title_ar', 'description_ar']);

/** A feed header or XML element name in the specification's spelling: lower case, words joined by `_`. */
export function attributeName(raw: string): string {
  return raw
    .trim()
    .replace(/^g:/i, '')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export type AttributeUse = 'read' | 'ignored' | 'unknown';

export function attributeUse(name: string): AttributeUse {
  if (READ_ATTRIBUTES.has(name) || LOCALIZED_FIELDS.has(name)) return 'read';
  return IGNORED_ATTRIBUTES.has(name) ? 'ignored' : 'unknown';
}

/** One feed record's attributes: every value of each (repeated columns, repeated XML elements), in order. */
export class FeedFields {
  private readonly m = new Map<string, string[]>();

  static of(entries: Iterable<readonly [string, string]>): FeedFields {
    const f = new FeedFields();
    for (const [k, v] of entries) f.add(k, v);
    return f;
  }

  add(name: string, value: string): void {
    const k = attributeName(name);
    const list = this.m.get(k);
    if (list) list.push(value);
    else this.m.set(k, [value]);
  }

  /** The first non-empty value, trimmed; '' when absent. */
  text(name: string): string {
    for (const v of this.m.get(name) ?? []) if (v.trim() !== '') return v.trim();
    return '';
  }

  /** Every non-empty value, trimmed. */
  all(name: string): string[] {
    return (this.m.get(name) ?? []).map((v) => v.trim()).filter((v) => v !== '');
  }

  has(name: string): boolean {
    return this.m.has(name);
  }

  names(): IterableIterator<string> {
    return this.m.keys();
  }
}

/** Per-import tally of attributes that were present with a value but not read. */
export class IgnoredTally {
  private readonly m = new Map<string, { attribute: string; use: 'ignored' | 'unknown'; count: number }>();

  note(fields: FeedFields): void {
    for (const name of fields.names()) {
      const use = attributeUse(name);
      if (use === 'read' || fields.all(name).length === 0) continue;
      const e = this.m.get(name);
      if (e) e.count++;
      else if (this.m.size < 500) this.m.set(name, { attribute: name, use, count: 1 });
    }
  }

  /** `ignored`: in the specification, not used by Vitrine; `unknown`: not a specification attribute. */
  list(): Array<{ attribute: string; use: 'ignored' | 'unknown'; count: number; reason: string }> {
    return [...this.m.values()]
      .sort((a, b) => b.count - a.count || a.attribute.localeCompare(b.attribute))
      .map((e) => ({ ...e, reason: e.use === 'ignored' ? 'a Merchant Center attribute Vitrine does not use' : 'not an attribute of the Merchant Center product data specification' }));
  }
}
