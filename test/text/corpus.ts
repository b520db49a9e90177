// The text reference corpus: strings a creative shows, grouped by what can go wrong in them.
// Every string is drawn by Vitrine's engine and by Chromium with the same font files and compared
// glyph run by glyph run (test/text-corpus.test.ts).

export interface CorpusEntry {
  text: string;
  kind: 'hamza' | 'ta-marbuta' | 'marks' | 'lam-alef' | 'mixed' | 'price' | 'percent' | 'emoji' | 'english' | 'copy' | 'tashkeel' | 'tatweel' | 'digits' | 'signs' | 'controls' | 'emoji-sequence';
}

const hamza = [
  'أحمر', 'أسود', 'أبيض', 'أزرق', 'أخضر', 'أصفر', 'أمسية', 'بأناقة', 'أفضل', 'أسعار', 'أحذية', 'أطفال', 'إضافي', 'إطلالة', 'إكسسوارات', 'إلكترونيات',
  'آخر', 'آمن', 'الآن', 'مؤقت', 'مؤسسة', 'رؤية', 'سؤال', 'هادئ', 'جزء', 'شيء', 'ضوء', 'مسائي', 'بيئة', 'رئيسي', 'سائق', 'قائمة', 'جائزة', 'فائق',
];
const taMarbuta = ['الجمعة', 'جمعة', 'أناقة', 'مدينة', 'هدية', 'قطعة', 'ساعة', 'حقيبة', 'سترة', 'كمية', 'محدودة', 'مجانية', 'فرصة', 'تشكيلة', 'جديدة', 'البيضاء', 'رياضية', 'قهوة', 'سماعة', 'نظارة'];
const marks = [
  'مُمَيَّز', 'تَسَوَّقْ', 'عَرْضٌ', 'خَصْمٌ كَبِيرٌ', 'مُحَمَّد', 'الشَّتَاء', 'قُطْن', 'كُلُّ', 'سَيِّدَات', 'رِجَال', 'جِدًّا', 'شُكْرًا', 'مُتَوَفِّر', 'حَصْرِيًّا', 'بِسْمِ اللَّهِ',
  'الصَّيْف', 'تَخْفِيضَات', 'دَافِئ', 'مُرِيح', 'أُسْبُوع',
];
const lamAlef = ['لا', 'لأ', 'لإ', 'لآ', 'الا', 'سلام', 'بلا حدود', 'الأحمر', 'الإضافي', 'الآن', 'علامة', 'ملابس', 'أعلى', 'الأناقة', 'إعلان', 'لاعب', 'فلاتر', 'بلاستيك'];
const copy = [
  'تسوق الآن', 'أمسية بأناقة', 'الجمعة البيضاء', 'أحمر لامع', 'عرض لفترة محدودة', 'توصيل مجاني في الرياض', 'بقي 3 فقط', 'خصم 20% بالكود RIY20', 'وصل حديثاً',
  'جاكيت منفوخ طويل أسود', 'حذاء جري خفيف للرجال', 'ستره صوفية طويل أحمر', 'اشترِ واحدة واحصل على الثانية مجاناً', 'هدايا لكل المناسبات', 'تخفيضات نهاية الموسم',
  'من Alpen', 'من Nord & Co', 'إطلالة شتوية دافئة', 'الأكثر مبيعاً', 'عروض رمضان', 'عيد مبارك', 'أهلاً بك', 'اكتشف المزيد', 'أضف إلى السلة', 'اطلب الآن',
];
const mixed = [
  'iPhone 15 Pro بسعر 4,299 ر.س.', 'Nike Air Max أحذية رياضية', 'كود RIY20 صالح حتى 30/11', 'Samsung Galaxy S24 الآن', 'مقاس XL متوفر', 'شحن DHL خلال 24 ساعة',
  'Alpen جاكيت', 'سماعة Sony WH-1000XM5', 'أحمر Red', 'Bluetooth 5.3 لاسلكي', 'USB-C شاحن سريع 65W', 'Apple Watch Series 9', 'عطر Dior Sauvage 100ml',
  'الطلب رقم #48213', 'Zara و H&M', 'متجر Vitrine الرسمي',
];
const prices = ['203.99 SAR', 'SAR 1,299.00', '1,299.00 ر.س.', '٢٠٣٫٩٩ ر.س.', '٤٬٢٩٩٫٠٠ ر.س.', 'AED 349.50', '349.50 د.إ.', '$79.99', '€1.299,00', '£45.00', 'USD 254.99', '١٥٠٫٩٩ د.إ.', 'EGP 12,500', '١٢٬٥٠٠ ج.م.', '0.99 USD', '19.99 $'];
const percents = ['-20%', '20% off', 'خصم 20%', 'خصم ٢٠٪', '٪٣٠ خصم', 'وفر 15%', 'up to 70% off', 'حتى 70%', '-٥٠٪', '50% + 10%', 'Save 25% today', 'خصم 10% إضافي'];
const emoji = ['🎁 هدية مجانية', 'Sale 🔥', '⭐ 4.8', 'تسوق الآن 🛍️', '❤️ Love it', '✨ جديد', '👟 Runner', '☀️ Summer', '❄️ Winter sale', '🎉 عرض', '⚡ Flash deal', '🇸🇦 الرياض', '👍🏽 Great', '☕ قهوة', '🕒 24h'];
const english = [
  'Shop now', 'Only 3 left', 'White Friday', 'Free delivery in Riyadh', 'Evening elegance', 'Lightweight Trail Runner', 'Alpen Long Puffer Jacket, Black', 'Nord & Co Leather Chelsea Boot, Olive',
  'Dune Waterproof Chelsea Boot, Sand', 'New arrivals', 'Limited time offer', 'Use code RIY20', 'Best seller', 'Add to cart', 'Café crème', 'Naïve façade résumé', 'Straße & Größe', 'Łódź, Kraków',
  'Ærø Ødegaard', 'Fjord fika — “quoted” ‘text’', 'Wi-Fi 6E · 2×', 'AVA WAVY Type', 'fi fl ffi ligatures',
];

// Fully vocalized copy: several marks per letter (shadda with a vowel, tanwin, sukun, dagger alef, madda, hamza below).
const tashkeel = [
  'وَقُلْ رَبِّ زِدْنِي عِلْمًا', 'اَلْحَمْدُ لِلَّهِ', 'تَخْفِيضَاتٌ حَصْرِيَّةٌ', 'مُسْتَشْفَيَاتٌ', 'هٰذَا', 'الرَّحْمٰنِ', 'إِنَّ', 'مَآذِنُ', 'شَدَّةٌ مَضْمُومَةٌ', 'جَدِيدٌ كُلِّيًّا',
  'عَرْضُ الجُمُعَةِ البَيْضَاءِ', 'سُؤَالٌ', 'قُرْآنٌ', 'مُؤَقَّتٌ', 'أُمَّهَاتٌ', 'ٱلْكِتَابُ',
];
// Tatweel (kashida) stretching joins, as display copy uses it.
const tatweel = ['تـخـفـيـضـات', 'عـرض', 'الـجـمـعـة', 'جـديـد', 'سـعـر خـاص', 'مـمـيـز جـداً', 'بـ 99 ر.س.', 'ـــــ'];
// Arabic-Indic (Arabic), Extended Arabic-Indic (Persian, Urdu) and Western digits, with their separators.
const digits = ['٠١٢٣٤٥٦٧٨٩', '۰۱۲۳۴۵۶۷۸۹', '0123456789', '١٬٢٩٩٫٠٠', '۱٬۲۹۹٫۰۰', 'بقي ٣ فقط', 'بقي ۳ فقط', 'رقم ٤٨٢١٣', 'الطلب ١٢ من ٣٠', '١٠:٣٠ م', '٣٠/١١/٢٠٢٦', '2026-11-30 ١٠:٣٠'];
// Per mille, the Arabic percent and per mille, and the currency signs a Gulf or global price uses.
const signs = [
  '5‰', '٥؉', '٥٪', '3.5 ‰ عمولة', 'ر.س. 99', '﷼ 99', '99 د.ك.', '12.500 KWD', '١٢٫٥٠٠ د.ك.', '349.500 د.ك.', '99 د.إ.', 'ج.م. 150', '₹ 999', '¥ 1,200', '₺ 450', '₪ 120', '€ 49,90', '£ 19.99', '₩ 50,000', 'CHF 89.–',
  'Shop now →', '← رجوع', '✓ In stock', '★★★★☆ 4.2', '№ 5', '25℃ اليوم', '≤ 99 SAR', '⅓ off', '‱ 3', 'الكل ≥ ١٠٠',
];
// Directional marks and joiners inside copy: invisible, never drawn as boxes, never reordering the run.
const controls = ['\u200fSAR 1,299.00', 'خصم\u200e RIY20\u200e اليوم', 'كود: \u200eRIY20', 'ل\u200dا', 'ب\u200dب\u200d', 'می\u200cخواهم', 'Price\u200f: ٩٩ ر.س.', '\u200e+966 55 123 4567', 'A\u200dB', 'عرض\u200c خاص'];
// Emoji with skin tones and ZWJ sequences (the emoji font has them as single glyphs), flags, keycaps.
const emojiSequences = ['👍🏻 رائع', '👋🏿 Hi', '👩‍💻 Dev', '👨‍👩‍👧‍👦 عائلة', '🏳️‍🌈', '🧑🏽‍🍳 Chef', '❤️‍🔥 Hot', '🇦🇪 دبي', '🇰🇼 الكويت', '1️⃣ First', '👍🏽👍🏾', '🤝 صفقة'];

export function corpus(): CorpusEntry[] {
  const out: CorpusEntry[] = [];
  const add = (kind: CorpusEntry['kind'], list: string[]) => list.forEach((text) => out.push({ text, kind }));
  add('hamza', hamza);
  add('ta-marbuta', taMarbuta);
  add('marks', marks);
  add('lam-alef', lamAlef);
  add('copy', copy);
  add('mixed', mixed);
  add('price', prices);
  add('percent', percents);
  add('emoji', emoji);
  add('english', english);
  add('tashkeel', tashkeel);
  add('tatweel', tatweel);
  add('digits', digits);
  add('signs', signs);
  add('controls', controls);
  add('emoji-sequence', emojiSequences);
  // Words in the company they keep in a creative: a price or a percentage beside them.
  hamza.slice(0, 12).forEach((w, i) => out.push({ text: `${w} ${prices[i % prices.length]}`, kind: 'mixed' }));
  taMarbuta.slice(0, 10).forEach((w, i) => out.push({ text: `${w} ${percents[i % percents.length]}`, kind: 'mixed' }));
  return out;
}

/** Right-to-left when the first strong character is Arabic, as `dir="auto"` decides. */
export function dirOf(text: string): 'rtl' | 'ltr' {
  const m = /[A-Za-z\u00c0-\u024f]|[\u0600-\u06ff]/.exec(text);
  return m && /[\u0600-\u06ff]/.test(m[0]) ? 'rtl' : 'ltr';
}
