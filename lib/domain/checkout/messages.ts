import type { FailureReason } from "./page-view";
import type { CheckoutLanguage } from "./session-rules";

/**
 * Every word the hosted checkout page shows, in English and Arabic. A small typed dictionary rather
 * than next-intl: the page has one route group, no locale in its URL (the language comes from the
 * session or `?lang=`), about sixty strings, and a JavaScript budget of 80 KB gzipped; a missing
 * Arabic string is a type error here, not a runtime fallback.
 */
const en = {
  title: "Checkout",
  payTo: "Pay to",
  order: "Order",
  amount: "Amount",
  expiresIn: "Expires in",
  expired: "Expired",
  gateway: "Payment gateway",
  methods: "Payment method",
  methodCard: "Card",
  methodSavedCard: "Saved card",
  methodRedirect: "Pay on the gateway's page",
  methodApplePay: "Apple Pay",
  cardNumber: "Card number",
  cardExpiry: "Expiry (MM/YY)",
  cardCvc: "Security code (CVC)",
  cardHolder: "Name on card",
  saveCard: "Save this card for next time",
  pay: "Pay",
  paying: "Processing…",
  payOn: "Pay on {gateway}'s page",
  payWithApplePay: "Pay with Apple Pay",
  savedCardsEmpty: "You have no saved cards.",
  savedCardExpires: "expires {month}/{year}",
  deleteCard: "Delete",
  deleteCardConfirm: "Delete the card ending in {last4}? You can add it again when you pay.",
  cancel: "Cancel",
  confirmDelete: "Delete card",
  cardDeleted: "The card was deleted.",
  attemptsLeft: "Attempts left: {count}",
  tryAgain: "Please check the details and try again.",
  errorExpiryFormat: "Enter the expiry as MM/YY.",
  errorTokenize: "The card could not be checked. Please try again.",
  errorNetwork: "We could not reach the server. Check your connection and try again.",
  errorGeneric: "The payment could not be completed. No money was taken; please try again.",
  merchantStopped: "The merchant's page did not allow the payment to go ahead.",
  merchantNoAnswer: "The merchant's page did not answer in time; the payment was not started.",
  receiptTitle: "Payment received",
  receiptAuthorizedTitle: "Payment authorized",
  receiptBody: "Thank you. {merchant} has received your payment.",
  receiptAuthorizedBody: "Thank you. The amount is held for {merchant}.",
  receiptPaidWith: "Paid with",
  receiptAt: "On",
  endedExpiredTitle: "This payment link has expired",
  endedExpiredBody: "Ask {merchant} for a new payment link.",
  endedCanceledTitle: "This payment was canceled",
  endedCanceledBody: "No money was taken. Contact {merchant} if you still want to pay.",
  endedFailedTitle: "No attempts are left",
  endedFailedBody: "No money was taken. Ask {merchant} for a new payment link.",
  pendingTitle: "A payment is under way",
  pendingBody: "You left the bank's or the gateway's page before the payment finished.",
  continuePayment: "Continue the payment",
  returnToMerchant: "Return to {merchant}",
  notFoundTitle: "Payment not found",
  notFoundBody: "Check the link you were given.",
  secure: "Card details go straight to the payment gateway; the merchant never sees them.",
  language: "العربية",
  noMethods: "This payment offers no method you can use here.",
  failure_insufficient_funds: "The card was declined: insufficient funds.",
  failure_three_ds_failed: "The card's 3-D Secure check failed.",
  failure_canceled: "The payment was canceled.",
  failure_declined: "The card was declined by its bank.",
  failure_not_completed:
    "The payment could not be completed. No money was taken; please try again.",
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const ar: Messages = {
  title: "الدفع",
  payTo: "الدفع إلى",
  order: "الطلب",
  amount: "المبلغ",
  expiresIn: "ينتهي خلال",
  expired: "منتهي",
  gateway: "بوابة الدفع",
  methods: "طريقة الدفع",
  methodCard: "بطاقة",
  methodSavedCard: "بطاقة محفوظة",
  methodRedirect: "الدفع على صفحة البوابة",
  methodApplePay: "Apple Pay",
  cardNumber: "رقم البطاقة",
  cardExpiry: "تاريخ الانتهاء (شهر/سنة)",
  cardCvc: "رمز الأمان (CVC)",
  cardHolder: "الاسم على البطاقة",
  saveCard: "احفظ هذه البطاقة للمرة القادمة",
  pay: "ادفع",
  paying: "جارٍ المعالجة…",
  payOn: "ادفع على صفحة {gateway}",
  payWithApplePay: "ادفع باستخدام Apple Pay",
  savedCardsEmpty: "لا توجد لديك بطاقات محفوظة.",
  savedCardExpires: "تنتهي {month}/{year}",
  deleteCard: "حذف",
  deleteCardConfirm: "هل تريد حذف البطاقة المنتهية بـ {last4}؟ يمكنك إضافتها مجددًا عند الدفع.",
  cancel: "إلغاء",
  confirmDelete: "حذف البطاقة",
  cardDeleted: "تم حذف البطاقة.",
  attemptsLeft: "المحاولات المتبقية: {count}",
  tryAgain: "يرجى التحقق من البيانات والمحاولة مرة أخرى.",
  errorExpiryFormat: "أدخل تاريخ الانتهاء بصيغة MM/YY.",
  errorTokenize: "تعذر التحقق من البطاقة. يرجى المحاولة مرة أخرى.",
  errorNetwork: "تعذر الوصول إلى الخادم. تحقق من اتصالك وحاول مرة أخرى.",
  errorGeneric: "تعذر إتمام الدفع. لم يتم خصم أي مبلغ؛ يرجى المحاولة مرة أخرى.",
  merchantStopped: "لم تسمح صفحة التاجر بإتمام الدفع.",
  merchantNoAnswer: "لم تستجب صفحة التاجر في الوقت المحدد؛ لم يبدأ الدفع.",
  receiptTitle: "تم استلام الدفعة",
  receiptAuthorizedTitle: "تم تفويض الدفعة",
  receiptBody: "شكرًا لك. استلم {merchant} دفعتك.",
  receiptAuthorizedBody: "شكرًا لك. تم حجز المبلغ لصالح {merchant}.",
  receiptPaidWith: "طريقة الدفع",
  receiptAt: "بتاريخ",
  endedExpiredTitle: "انتهت صلاحية رابط الدفع هذا",
  endedExpiredBody: "اطلب من {merchant} رابط دفع جديدًا.",
  endedCanceledTitle: "تم إلغاء هذه الدفعة",
  endedCanceledBody: "لم يتم خصم أي مبلغ. تواصل مع {merchant} إذا كنت لا تزال ترغب في الدفع.",
  endedFailedTitle: "لم تتبقَّ أي محاولات",
  endedFailedBody: "لم يتم خصم أي مبلغ. اطلب من {merchant} رابط دفع جديدًا.",
  pendingTitle: "عملية دفع قيد التنفيذ",
  pendingBody: "غادرت صفحة البنك أو البوابة قبل اكتمال الدفع.",
  continuePayment: "متابعة الدفع",
  returnToMerchant: "العودة إلى {merchant}",
  notFoundTitle: "لم يتم العثور على الدفعة",
  notFoundBody: "تحقق من الرابط الذي وصلك.",
  secure: "تُرسل بيانات البطاقة مباشرة إلى بوابة الدفع؛ لا يراها التاجر أبدًا.",
  language: "English",
  noMethods: "لا تتيح هذه الدفعة أي طريقة يمكنك استخدامها هنا.",
  failure_insufficient_funds: "تم رفض البطاقة: الرصيد غير كافٍ.",
  failure_three_ds_failed: "فشل التحقق الآمن (3-D Secure) للبطاقة.",
  failure_canceled: "تم إلغاء الدفع.",
  failure_declined: "رفض البنك المُصدر البطاقة.",
  failure_not_completed: "تعذر إتمام الدفع. لم يتم خصم أي مبلغ؛ يرجى المحاولة مرة أخرى.",
};

const DICTIONARIES: Record<CheckoutLanguage, Messages> = { en, ar };

/** The customer's words for why an attempt failed. */
export function failureMessage(language: CheckoutLanguage, reason: FailureReason): string {
  return DICTIONARIES[language][`failure_${reason}`];
}

export function messagesFor(language: CheckoutLanguage): Messages {
  return DICTIONARIES[language];
}

/** A message with its {placeholders} filled in. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The page's language: `?lang=` when it names one we speak, else the session's. */
export function pageLanguage(
  sessionLanguage: string,
  requested: string | string[] | undefined,
): CheckoutLanguage {
  const asked = Array.isArray(requested) ? requested[requested.length - 1] : requested;
  if (asked === "en" || asked === "ar") return asked;
  return sessionLanguage === "ar" ? "ar" : "en";
}

export function directionOf(language: CheckoutLanguage): "ltr" | "rtl" {
  return language === "ar" ? "rtl" : "ltr";
}
