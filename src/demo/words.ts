// Word lists for the generated demo catalog: believable titles in English and Arabic.

/** Arabic adjectives (colours too) agree with their noun's gender: حقيبة حمراء, حذاء أحمر. */
export type Gender = 'm' | 'f';

export interface CategorySpec {
  name: string;
  /** Google product taxonomy path. */
  google: string;
  subs: string[];
  /** English, Arabic, and the Arabic noun's agreement: feminine (`f`, also non-human plurals) or masculine. */
  nouns: Array<[en: string, ar: string, gender: Gender]>;
  /** English, then the Arabic adjective agreeing with a masculine and with a feminine noun. */
  adjectives: Array<[en: string, arM: string, arF: string]>;
  brands: string[];
  /** USD list price range. */
  price: [number, number];
}

export const CATEGORIES: CategorySpec[] = [
  {
    name: 'Shoes',
    google: 'Apparel & Accessories > Shoes',
    subs: ['Running', 'Sneakers', 'Boots', 'Sandals'],
    nouns: [['Trail Runner', 'حذاء جري', 'm'], ['Sneaker', 'حذاء رياضي', 'm'], ['Chelsea Boot', 'حذاء بوت', 'm'], ['Sandal', 'صندل', 'm'], ['Loafer', 'حذاء كاجوال', 'm']],
    adjectives: [['Lightweight', 'خفيف', 'خفيفة'], ['Waterproof', 'مقاوم للماء', 'مقاومة للماء'], ['Classic', 'كلاسيكي', 'كلاسيكية'], ['Cushioned', 'مريح', 'مريحة'], ['Leather', 'جلدي', 'جلدية']],
    brands: ['Stride', 'Nord & Co', 'Dune'],
    price: [45, 220],
  },
  {
    name: 'Bags',
    google: 'Apparel & Accessories > Handbags, Wallets & Cases',
    subs: ['Backpacks', 'Totes', 'Travel'],
    nouns: [['Backpack', 'حقيبة ظهر', 'f'], ['Tote Bag', 'حقيبة يد', 'f'], ['Weekender', 'حقيبة سفر', 'f'], ['Crossbody Bag', 'حقيبة كتف', 'f'], ['Laptop Sleeve', 'حافظة حاسوب', 'f']],
    adjectives: [['Canvas', 'قماشي', 'قماشية'], ['Leather', 'جلدي', 'جلدية'], ['Compact', 'صغير', 'صغيرة'], ['Everyday', 'يومي', 'يومية'], ['Recycled', 'معاد تدويره', 'معاد تدويرها']],
    brands: ['Carryall', 'Nord & Co', 'Dune'],
    price: [25, 180],
  },
  {
    name: 'Outerwear',
    google: 'Apparel & Accessories > Clothing > Outerwear',
    subs: ['Jackets', 'Coats', 'Raincoats'],
    nouns: [['Puffer Jacket', 'جاكيت منفوخ', 'm'], ['Wool Coat', 'معطف صوف', 'm'], ['Raincoat', 'معطف مطر', 'm'], ['Fleece', 'سترة صوفية', 'f'], ['Parka', 'معطف باركا', 'm']],
    adjectives: [['Insulated', 'معزول', 'معزولة'], ['Hooded', 'بقبعة', 'بقبعة'], ['Packable', 'قابل للطي', 'قابلة للطي'], ['Windproof', 'مقاوم للرياح', 'مقاومة للرياح'], ['Long', 'طويل', 'طويلة']],
    brands: ['Nord & Co', 'Alpen', 'Stride'],
    price: [60, 320],
  },
  {
    name: 'Electronics',
    google: 'Electronics',
    subs: ['Audio', 'Wearables', 'Accessories'],
    nouns: [['Wireless Earbuds', 'سماعات لاسلكية', 'f'], ['Smartwatch', 'ساعة ذكية', 'f'], ['Power Bank', 'شاحن متنقل', 'm'], ['Bluetooth Speaker', 'مكبر صوت بلوتوث', 'm'], ['Headphones', 'سماعات رأس', 'f']],
    adjectives: [['Noise-Cancelling', 'عازل للضوضاء', 'عازلة للضوضاء'], ['Pro', 'احترافي', 'احترافية'], ['Mini', 'صغير', 'صغيرة'], ['Fast-Charging', 'سريع الشحن', 'سريعة الشحن'], ['Waterproof', 'مقاوم للماء', 'مقاومة للماء']],
    brands: ['Voltix', 'Sonora', 'Pulse'],
    price: [20, 450],
  },
  {
    name: 'Home',
    google: 'Home & Garden',
    subs: ['Lighting', 'Kitchen', 'Decor'],
    nouns: [['Table Lamp', 'مصباح طاولة', 'm'], ['Coffee Maker', 'صانعة قهوة', 'f'], ['Throw Blanket', 'بطانية', 'f'], ['Scented Candle', 'شمعة معطرة', 'f'], ['Desk Fan', 'مروحة مكتب', 'f']],
    adjectives: [['Ceramic', 'سيراميك', 'سيراميك'], ['Smart', 'ذكي', 'ذكية'], ['Cozy', 'دافئ', 'دافئة'], ['Minimal', 'بسيط', 'بسيطة'], ['Portable', 'محمول', 'محمولة']],
    brands: ['Casa Bella', 'Lumen', 'Oasis'],
    price: [15, 260],
  },
  {
    name: 'Beauty',
    google: 'Health & Beauty > Personal Care > Cosmetics',
    subs: ['Skincare', 'Fragrance', 'Hair'],
    nouns: [['Face Serum', 'سيروم للوجه', 'm'], ['Eau de Parfum', 'عطر', 'm'], ['Sunscreen', 'واقي شمس', 'm'], ['Hair Oil', 'زيت شعر', 'm'], ['Lip Balm', 'مرطب شفاه', 'm']],
    adjectives: [['Hydrating', 'مرطب', 'مرطبة'], ['Oud', 'بالعود', 'بالعود'], ['SPF 50', 'بعامل حماية 50', 'بعامل حماية 50'], ['Nourishing', 'مغذي', 'مغذية'], ['Rose', 'بالورد', 'بالورد']],
    brands: ['Casa Bella', 'Oasis', 'Noor'],
    price: [8, 140],
  },
  {
    name: 'Sportswear',
    google: 'Apparel & Accessories > Clothing > Activewear',
    subs: ['Tops', 'Leggings', 'Shorts'],
    nouns: [['Training Tee', 'قميص تدريب', 'm'], ['Leggings', 'بنطال رياضي', 'm'], ['Running Shorts', 'شورت جري', 'm'], ['Track Jacket', 'جاكيت رياضي', 'm'], ['Hoodie', 'هودي', 'm']],
    adjectives: [['Breathable', 'قابل للتنفس', 'قابلة للتنفس'], ['Quick-Dry', 'سريع الجفاف', 'سريعة الجفاف'], ['Seamless', 'بدون خياطة', 'بدون خياطة'], ['Thermal', 'حراري', 'حرارية'], ['Oversized', 'واسع', 'واسعة']],
    brands: ['Stride', 'Pulse', 'Alpen'],
    price: [18, 120],
  },
];

/** English, then the Arabic colour agreeing with a masculine and with a feminine noun. */
export const COLOURS: Array<[en: string, arM: string, arF: string]> = [
  ['Black', 'أسود', 'سوداء'],
  ['Sand', 'رملي', 'رملية'],
  ['Navy', 'كحلي', 'كحلية'],
  ['Olive', 'زيتي', 'زيتية'],
  ['White', 'أبيض', 'بيضاء'],
  ['Red', 'أحمر', 'حمراء'],
];
