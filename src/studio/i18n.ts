// The studio's words in English and Arabic. One table; a missing Arabic entry falls back to English
// (a test lists them all). Keys are looked up in a Map, never as object keys.
import { EDITOR_WORDS } from './i18n-editor.ts';
import { REVIEW_WORDS } from './i18n-review.ts';

export type StudioLang = 'en' | 'ar';
export const STUDIO_LANGS: readonly StudioLang[] = ['en', 'ar'];

const WORDS: Array<[string, string, string]> = [
  ...EDITOR_WORDS,
  ['studio', 'Vitrine Studio', 'استوديو فيترين'],
  ['skip', 'Skip to content', 'انتقل إلى المحتوى'],
  ['nav.campaigns', 'Campaigns', 'الحملات'],
  ['nav.catalog', 'Catalog', 'الكتالوج'],
  ['nav.promos', 'Promos', 'العروض'],
  ['nav.signout', 'Sign out', 'تسجيل الخروج'],
  ['nav.main', 'Main', 'التنقل الرئيسي'],
  ['lang.switch', 'العربية', 'English'],
  ['lang.label', 'Language', 'اللغة'],
  ['signin.title', 'Sign in', 'تسجيل الدخول'],
  ['signin.key', 'Admin key', 'مفتاح المسؤول'],
  ['signin.key.help', 'The VITRINE_ADMIN_KEY the server printed on first start.', 'مفتاح VITRINE_ADMIN_KEY الذي طبعه الخادم عند أول تشغيل.'],
  ['signin.submit', 'Sign in', 'دخول'],
  ['signin.err.bad', 'That key is not valid.', 'هذا المفتاح غير صالح.'],
  ['signin.err.bad_password', 'That email and password do not match an active account.', 'البريد الإلكتروني وكلمة المرور لا يطابقان حسابًا نشطًا.'],
  ['signin.err.unavailable', 'Sign-in with email is not available on this server yet; use the admin key.', 'تسجيل الدخول بالبريد الإلكتروني غير متاح على هذا الخادم بعد؛ استخدم مفتاح المسؤول.'],
  ['signin.err.expired', 'Your session ended. Sign in again to continue.', 'انتهت جلستك. سجّل الدخول مرة أخرى للمتابعة.'],
  ['signin.with.password', 'Email and password', 'البريد الإلكتروني وكلمة المرور'],
  ['signin.with.key', 'Admin key (owner)', 'مفتاح المسؤول (المالك)'],
  ['signin.email', 'Email', 'البريد الإلكتروني'],
  ['signin.password', 'Password', 'كلمة المرور'],
  ['signed.as', 'Signed in as {who} ({role})', 'مسجّل الدخول باسم {who} ({role})'],
  ['campaigns.title', 'Campaigns', 'الحملات'],
  ['campaigns.none', 'No campaigns match these filters.', 'لا توجد حملات تطابق هذه المرشحات.'],
  ['filter.status', 'Status', 'الحالة'],
  ['filter.brand', 'Brand', 'العلامة التجارية'],
  ['filter.all', 'All', 'الكل'],
  ['filter.apply', 'Filter', 'تصفية'],
  ['col.name', 'Name', 'الاسم'],
  ['col.status', 'Status', 'الحالة'],
  ['col.flight', 'Flight', 'فترة الحملة'],
  ['col.regions', 'Regions', 'المناطق'],
  ['col.last7', 'Last 7 days', 'آخر ٧ أيام'],
  ['col.actions', 'Actions', 'إجراءات'],
  ['status.active', 'Active', 'نشطة'],
  ['status.paused', 'Paused', 'متوقفة'],
  ['spark.label', '{imp} impressions, CTR {ctr} over the last 7 days', '{imp} مرة ظهور، نسبة النقر {ctr} خلال آخر ٧ أيام'],
  ['campaign.variants', 'Variants', 'النسخ'],
  ['campaign.template', 'Template', 'القالب'],
  ['campaign.conditions', 'Conditions', 'الشروط'],
  ['campaign.always', 'Always eligible', 'مؤهلة دائمًا'],
  ['campaign.sizes', 'Sizes', 'المقاسات'],
  ['campaign.selector', 'Products', 'المنتجات'],
  ['campaign.optimization', 'Optimization', 'التحسين'],
  ['campaign.holdout', 'Holdout', 'مجموعة المقارنة'],
  ['campaign.cap', 'Frequency cap', 'حد التكرار'],
  ['campaign.none', 'none', 'لا يوجد'],
  ['campaign.tz', 'Local time in {tz}', 'التوقيت المحلي في {tz}'],
  ['preflight.title', 'Pre-flight checks', 'فحوص ما قبل الإطلاق'],
  ['preflight.ok', 'No problems found in brand colours or variant conditions.', 'لم نجد مشكلات في ألوان العلامة أو شروط النسخ.'],
  ['preflight.contrast', 'Contrast below WCAG AA', 'تباين أقل من مستوى WCAG AA'],
  ['preflight.never_eligible', 'Variant can never be eligible', 'نسخة لا يمكن أن تكون مؤهلة أبدًا'],
  ['preflight.fit', 'Shortened text per size and language shows on the tearsheet and the live preview.', 'النص المختصر لكل مقاس ولغة يظهر في ورقة العرض والمعاينة الحية.'],
  ['link.tearsheet', 'Tearsheet', 'ورقة العرض'],
  ['link.report', 'Report', 'التقرير'],
  ['link.open', 'Open', 'فتح'],
  ['tear.title', 'Tearsheet: {name}', 'ورقة العرض: {name}'],
  ['tear.signals', 'Simulated signals', 'إشارات محاكاة'],
  ['tear.help', 'Every combination below is decided by the real engine. Simulated stock and shoppers never touch live data.', 'كل تركيبة أدناه يقررها المحرك الفعلي. المخزون والمتسوقون المحاكون لا يمسّون البيانات الحية.'],
  ['tear.regions', 'Regions', 'المناطق'],
  ['tear.local', 'Local date and time', 'التاريخ والوقت المحلي'],
  ['tear.weather', 'Weather', 'الطقس'],
  ['tear.device', 'Device', 'الجهاز'],
  ['tear.lang', 'Language', 'اللغة'],
  ['tear.segment', 'Shopper', 'المتسوق'],
  ['tear.seg.none', 'Anonymous shopper', 'متسوق مجهول'],
  ['tear.seg.cart', 'Cart abandoner', 'تارك سلة التسوق'],
  ['tear.seg.both', 'Both', 'كلاهما'],
  ['tear.cartitem', 'Cart item (product id)', 'منتج في السلة (المعرّف)'],
  ['tear.consent', 'Consent', 'الموافقة'],
  ['tear.consent.yes', 'Granted', 'ممنوحة'],
  ['tear.consent.no', 'Not granted', 'غير ممنوحة'],
  ['tear.stock', 'Stock override (product id = quantity, one per line)', 'تعديل المخزون (معرّف المنتج = الكمية، سطر لكل منتج)'],
  ['tear.sizes', 'Sizes', 'المقاسات'],
  ['tear.run', 'Show tearsheet', 'اعرض ورقة العرض'],
  ['tear.share', 'Share a read-only link', 'شارك رابطًا للقراءة فقط'],
  ['tear.share.days', 'Link valid for (days)', 'صلاحية الرابط (أيام)'],
  ['tear.share.make', 'Create link', 'أنشئ الرابط'],
  ['tear.share.link', 'Read-only link, valid until {until}:', 'رابط للقراءة فقط، صالح حتى {until}:'],
  ['tear.print', 'Print', 'طباعة'],
  ['tear.wins', 'wins', 'تفوز'],
  ['tear.fallback', 'Fallback creative', 'الإعلان البديل'],
  ['tear.scenario', 'Scenario', 'السيناريو'],
  ['tear.variants', 'Every variant under these signals', 'كل النسخ تحت هذه الإشارات'],
  ['tear.eligible', 'eligible', 'مؤهلة'],
  ['tear.readonly', 'Shared read-only tearsheet, valid until {until}.', 'ورقة عرض مشتركة للقراءة فقط، صالحة حتى {until}.'],
  ['tear.expired', 'This link has expired or is not valid.', 'انتهت صلاحية هذا الرابط أو أنه غير صالح.'],
  ['tear.toomany', 'Showing the first {n} combinations; narrow the signals to see the rest.', 'تُعرض أول {n} تركيبة؛ ضيّق الإشارات لرؤية البقية.'],
  ['report.title', 'Report: {name}', 'التقرير: {name}'],
  ['report.over', 'Over time', 'على مدى الوقت'],
  ['report.impressions', 'Impressions', 'مرات الظهور'],
  ['report.clicks', 'Clicks', 'النقرات'],
  ['report.ctr', 'CTR', 'نسبة النقر'],
  ['report.band', '95% interval', 'فاصل ثقة ٩٥٪'],
  ['report.conversions', 'Conversions', 'التحويلات'],
  ['report.revenue', 'Revenue', 'الإيرادات'],
  ['report.lift', 'Lift vs holdout', 'التحسن مقارنة بمجموعة المقارنة'],
  ['report.pbest', 'Probability of being best', 'احتمال أن تكون الأفضل'],
  ['report.rate', 'Learned click rate (posterior mean)', 'معدل النقر المتعلَّم (متوسط التوزيع اللاحق)'],
  ['report.by', 'By {dim}', 'حسب {dim}'],
  ['report.csv', 'Download CSV', 'تنزيل CSV'],
  ['report.range', 'Days', 'الأيام'],
  ['report.nodata', 'No impressions recorded yet.', 'لم تُسجَّل أي مرات ظهور بعد.'],
  ['report.total', 'Total', 'الإجمالي'],
  ['report.liftline', 'CTR {ctr} vs holdout {h}: lift {lift} (95% interval {lo} to {hi})', 'نسبة النقر {ctr} مقابل {h} لمجموعة المقارنة: تحسن {lift} (فاصل ٩٥٪ من {lo} إلى {hi})'],
  ['report.noholdout', 'No holdout traffic yet: lift cannot be measured.', 'لا توجد زيارات لمجموعة المقارنة بعد: لا يمكن قياس التحسن.'],
  ['dim.variant', 'variant', 'النسخة'],
  ['dim.region', 'region', 'المنطقة'],
  ['dim.daypart', 'day part', 'فترة اليوم'],
  ['dim.segment', 'segment', 'الشريحة'],
  ['dim.day', 'day', 'اليوم'],
  ['catalog.title', 'Catalog', 'الكتالوج'],
  ['catalog.search', 'Search products', 'ابحث في المنتجات'],
  ['catalog.go', 'Search', 'بحث'],
  ['catalog.id', 'Id', 'المعرّف'],
  ['catalog.price', 'Price', 'السعر'],
  ['catalog.stock', 'Stock by region', 'المخزون حسب المنطقة'],
  ['catalog.stores', 'Stores', 'المتاجر'],
  ['catalog.more', 'Next page', 'الصفحة التالية'],
  ['catalog.none', 'No products match.', 'لا توجد منتجات مطابقة.'],
  ['feed.title', 'Import a feed', 'استيراد ملف منتجات'],
  ['feed.kind', 'Feed', 'نوع الملف'],
  ['feed.kind.products', 'Products', 'المنتجات'],
  ['feed.kind.regional-inventory', 'Regional inventory', 'المخزون الإقليمي'],
  ['feed.kind.local-inventory', 'Local inventory (stores)', 'المخزون المحلي (المتاجر)'],
  ['feed.file', 'File (TSV or RSS XML)', 'الملف (TSV أو RSS XML)'],
  ['feed.upload', 'Upload', 'رفع'],
  ['feed.progress', 'Upload progress', 'تقدّم الرفع'],
  ['feed.done', '{ins} added, {upd} updated, {unch} unchanged, {rej} rejected', '{ins} مضاف، {upd} محدّث، {unch} دون تغيير، {rej} مرفوض'],
  ['feed.rejected', 'Rejected rows', 'الصفوف المرفوضة'],
  ['feed.row', 'Row', 'الصف'],
  ['feed.field', 'Field', 'الحقل'],
  ['feed.reason', 'Reason', 'السبب'],
  ['promos.title', 'Promos', 'العروض'],
  ['promos.new', 'New promo', 'عرض جديد'],
  ['promos.edit', 'Edit promo {id}', 'تعديل العرض {id}'],
  ['promos.window', 'Window (local time)', 'الفترة (بالتوقيت المحلي)'],
  ['promo.id', 'Id', 'المعرّف'],
  ['promo.name', 'Name', 'الاسم'],
  ['promo.regions', 'Regions', 'المناطق'],
  ['promo.starts', 'Starts (local time in each region)', 'يبدأ (بالتوقيت المحلي لكل منطقة)'],
  ['promo.ends', 'Ends (local time in each region)', 'ينتهي (بالتوقيت المحلي لكل منطقة)'],
  ['promo.kind', 'Discount type', 'نوع الخصم'],
  ['promo.kind.percent', 'Percent off', 'نسبة مئوية'],
  ['promo.kind.amount', 'Amount off', 'مبلغ ثابت'],
  ['promo.kind.fixed', 'Fixed sale price', 'سعر بيع ثابت'],
  ['promo.value', 'Discount value', 'قيمة الخصم'],
  ['promo.code', 'Promo code', 'رمز العرض'],
  ['promo.priority', 'Priority', 'الأولوية'],
  ['promo.categories', 'Categories (comma separated)', 'الفئات (مفصولة بفواصل)'],
  ['promo.copy.en', 'Copy (English)', 'النص (الإنجليزية)'],
  ['promo.copy.ar', 'Copy (Arabic)', 'النص (العربية)'],
  ['promo.save', 'Save promo', 'احفظ العرض'],
  ['promo.saved', 'Promo saved.', 'تم حفظ العرض.'],
  ['promo.errors', 'The promo was not saved: fix the fields marked below.', 'لم يُحفظ العرض: صحّح الحقول المشار إليها أدناه.'],
  ['forbidden', 'Your role may not do this.', 'دورك لا يسمح بهذا الإجراء.'],
  ['notfound', 'Not found.', 'غير موجود.'],
];

const TABLE = new Map<string, { en: string; ar: string }>([...WORDS, ...REVIEW_WORDS].map(([k, en, ar]) => [k, { en, ar }]));

export function studioKeys(): string[] {
  return [...TABLE.keys()];
}

export function arabicOf(key: string): string | undefined {
  return TABLE.get(key)?.ar;
}

/** The phrase in `lang` with `{name}` slots filled; an unknown key shows itself (so a test spots it). */
export function t(lang: StudioLang, key: string, vars?: Record<string, string | number>): string {
  const entry = TABLE.get(key);
  let s = entry ? (lang === 'ar' ? entry.ar : entry.en) : key;
  if (vars) {
    const byName = new Map(Object.entries(vars));
    s = s.replace(/\{(\w+)\}/g, (m, name: string) => (byName.has(name) ? String(byName.get(name)) : m));
  }
  return s;
}

export function isStudioLang(v: string | undefined): v is StudioLang {
  return v === 'en' || v === 'ar';
}

/** Numbers and percents the way the page's language writes them. */
export function fmtNumber(lang: StudioLang, n: number, digits = 0): string {
  return new Intl.NumberFormat(lang === 'ar' ? 'ar-EG' : 'en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}

export function fmtPercent(lang: StudioLang, n: number | null, digits = 2): string {
  if (n === null || !Number.isFinite(n)) return '–';
  return new Intl.NumberFormat(lang === 'ar' ? 'ar-EG' : 'en-US', { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}
