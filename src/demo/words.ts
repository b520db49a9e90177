// Word lists for the generated demo catalog: believable titles in English and Arabic.

export interface CategorySpec {
  name: string;
  /** Google product taxonomy path. */
  google: string;
  subs: string[];
  nouns: Array<[en: string, ar: string]>;
  adjectives: Array<[en: string, ar: string]>;
  brands: string[];
  /** USD list price range. */
  price: [number, number];
}

export const CATEGORIES: CategorySpec[] = [
  {
    name: 'Shoes',
    google: 'Apparel & Accessories > Shoes',
    subs: ['Running', 'Sneakers', 'Boots', 'Sandals'],
    nouns: [['Trail Runner', 'حذاء جري'], ['Sneaker', 'حذاء رياضي'], ['Chelsea Boot', 'حذاء بوت'], ['Sandal', 'صندل'], ['Loafer', 'حذاء كاجوال']],
    adjectives: [['Lightweight', 'خفيف'], ['Waterproof', 'مقاوم للماء'], ['Classic', 'كلاسيكي'], ['Cushioned', 'مريح'], ['Leather', 'جلدي']],
    brands: ['Stride', 'Nord & Co', 'Dune'],
    price: [45, 220],
  },
  {
    name: 'Bags',
    google: 'Apparel & Accessories > Handbags, Wallets & Cases',
    subs: ['Backpacks', 'Totes', 'Travel'],
    nouns: [['Backpack', 'حقيبة ظهر'], ['Tote Bag', 'حقيبة يد'], ['Weekender', 'حقيبة سفر'], ['Crossbody Bag', 'حقيبة كتف'], ['Laptop Sleeve', 'حافظة حاسوب']],
    adjectives: [['Canvas', 'قماشية'], ['Leather', 'جلدية'], ['Compact', 'صغيرة'], ['Everyday', 'يومية'], ['Recycled', 'معاد تدويرها']],
    brands: ['Carryall', 'Nord & Co', 'Dune'],
    price: [25, 180],
  },
  {
    name: 'Outerwear',
    google: 'Apparel & Accessories > Clothing > Outerwear',
    subs: ['Jackets', 'Coats', 'Raincoats'],
    nouns: [['Puffer Jacket', 'جاكيت منفوخ'], ['Wool Coat', 'معطف صوف'], ['Raincoat', 'معطف مطر'], ['Fleece', 'سترة صوفية'], ['Parka', 'باركا']],
    adjectives: [['Insulated', 'معزول'], ['Hooded', 'بقبعة'], ['Packable', 'قابل للطي'], ['Windproof', 'مقاوم للرياح'], ['Long', 'طويل']],
    brands: ['Nord & Co', 'Alpen', 'Stride'],
    price: [60, 320],
  },
  {
    name: 'Electronics',
    google: 'Electronics',
    subs: ['Audio', 'Wearables', 'Accessories'],
    nouns: [['Wireless Earbuds', 'سماعات لاسلكية'], ['Smartwatch', 'ساعة ذكية'], ['Power Bank', 'شاحن متنقل'], ['Bluetooth Speaker', 'مكبر صوت بلوتوث'], ['Headphones', 'سماعات رأس']],
    adjectives: [['Noise-Cancelling', 'عازلة للضوضاء'], ['Pro', 'احترافية'], ['Mini', 'صغيرة'], ['Fast-Charging', 'سريعة الشحن'], ['Waterproof', 'مقاومة للماء']],
    brands: ['Voltix', 'Sonora', 'Pulse'],
    price: [20, 450],
  },
  {
    name: 'Home',
    google: 'Home & Garden',
    subs: ['Lighting', 'Kitchen', 'Decor'],
    nouns: [['Table Lamp', 'مصباح طاولة'], ['Coffee Maker', 'صانعة قهوة'], ['Throw Blanket', 'بطانية'], ['Scented Candle', 'شمعة معطرة'], ['Desk Fan', 'مروحة مكتب']],
    adjectives: [['Ceramic', 'سيراميك'], ['Smart', 'ذكية'], ['Cozy', 'دافئة'], ['Minimal', 'بسيطة'], ['Portable', 'محمولة']],
    brands: ['Casa Bella', 'Lumen', 'Oasis'],
    price: [15, 260],
  },
  {
    name: 'Beauty',
    google: 'Health & Beauty > Personal Care > Cosmetics',
    subs: ['Skincare', 'Fragrance', 'Hair'],
    nouns: [['Face Serum', 'سيروم للوجه'], ['Eau de Parfum', 'عطر'], ['Sunscreen', 'واقي شمس'], ['Hair Oil', 'زيت شعر'], ['Lip Balm', 'مرطب شفاه']],
    adjectives: [['Hydrating', 'مرطب'], ['Oud', 'بالعود'], ['SPF 50', 'عامل حماية 50'], ['Nourishing', 'مغذي'], ['Rose', 'بالورد']],
    brands: ['Casa Bella', 'Oasis', 'Noor'],
    price: [8, 140],
  },
  {
    name: 'Sportswear',
    google: 'Apparel & Accessories > Clothing > Activewear',
    subs: ['Tops', 'Leggings', 'Shorts'],
    nouns: [['Training Tee', 'قميص تدريب'], ['Leggings', 'بنطال رياضي'], ['Running Shorts', 'شورت جري'], ['Track Jacket', 'جاكيت رياضي'], ['Hoodie', 'هودي']],
    adjectives: [['Breathable', 'قابل للتنفس'], ['Quick-Dry', 'سريع الجفاف'], ['Seamless', 'بدون خياطة'], ['Thermal', 'حراري'], ['Oversized', 'واسع']],
    brands: ['Stride', 'Pulse', 'Alpen'],
    price: [18, 120],
  },
];

export const COLOURS: Array<[en: string, ar: string]> = [
  ['Black', 'أسود'],
  ['Sand', 'رملي'],
  ['Navy', 'كحلي'],
  ['Olive', 'زيتي'],
  ['White', 'أبيض'],
  ['Red', 'أحمر'],
];
