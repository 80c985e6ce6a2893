"use client";

import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { checkCard } from "@/lib/domain/cards/validate-card";
import type { OutcomeData } from "@/lib/domain/checkout/embed-protocol";
import { failureMessage, format, type Messages } from "@/lib/domain/checkout/messages";
import type { FailureReason } from "@/lib/domain/checkout/page-view";
import { parseExpiryInput } from "@/lib/domain/checkout/page-view";
import type { CheckoutLanguage, CheckoutMethod } from "@/lib/domain/checkout/session-rules";
import { tokenizeCard } from "@/lib/gateways/sandbox-tokenize-client";
import { askBeforePayment, postToParent } from "./embed";

type Gateway = { code: string; name: string; methods: CheckoutMethod[] };
type SavedCard = {
  id: string;
  gatewayCode: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
};
type CardField = "number" | "expiry" | "cvc" | "holder";
type Notice = { kind: "error" | "info"; text: string } | null;

type AttemptAnswer =
  | { outcome: "success"; state: string; redirect_url: string | null }
  | { outcome: "action_required"; url: string }
  | { outcome: "pending" }
  | { outcome: "form_error"; reason: FailureReason; attempts_left: number; message: string }
  | { outcome: "error"; reason: FailureReason; state: string; message: string };

declare global {
  interface Window {
    ApplePaySession?: { canMakePayments(): boolean } & (new (
      version: number,
      request: unknown,
    ) => ApplePaySessionLike);
  }
}
type ApplePaySessionLike = {
  begin(): void;
  completePayment(status: number): void;
  onvalidatemerchant: ((event: unknown) => void) | null;
  onpaymentauthorized: ((event: { payment: { token: unknown } }) => void) | null;
  oncancel: (() => void) | null;
};

export function CheckoutForm(props: {
  sessionId: string;
  language: CheckoutLanguage;
  t: Messages;
  amountLabel: string;
  amount: string;
  currency: string;
  gateways: Gateway[];
  savedCards: SavedCard[];
  hasCustomer: boolean;
  saveCard: "ask" | "always" | "never";
  attemptsLeft: number;
  initialNotice: FailureReason | null;
  embedOrigin: string | null;
  outcomeData: OutcomeData;
}) {
  const { t, sessionId, embedOrigin, language } = props;
  const id = useId();
  const [gatewayCode, setGatewayCode] = useState(props.gateways[0]?.code ?? "");
  const [savedCards, setSavedCards] = useState(props.savedCards);
  const [applePay, setApplePay] = useState(false);
  const [busy, setBusy] = useState(false);
  const [attemptsLeft, setAttemptsLeft] = useState(props.attemptsLeft);
  const [notice, setNotice] = useState<Notice>(
    props.initialNotice
      ? { kind: "error", text: failureMessage(language, props.initialNotice) }
      : null,
  );
  const noticeRef = useRef<HTMLDivElement>(null);
  const gateway = props.gateways.find((g) => g.code === gatewayCode) ?? props.gateways[0];
  const cardsHere = savedCards.filter((card) => card.gatewayCode === gateway?.code);
  const methods = (gateway?.methods ?? []).filter(
    (method) =>
      (method !== "saved_card" || (props.hasCustomer && cardsHere.length > 0)) &&
      (method !== "apple_pay" || applePay),
  );
  const [method, setMethod] = useState<CheckoutMethod>(methods[0] ?? "card");
  const current = methods.includes(method) ? method : (methods[0] ?? "card");

  useEffect(() => {
    // Apple Pay only where the browser says it can pay with it; never rendered elsewhere.
    try {
      setApplePay(window.ApplePaySession?.canMakePayments() === true);
    } catch {
      setApplePay(false);
    }
  }, []);

  useEffect(() => {
    if (!embedOrigin) return;
    const height = () => Math.ceil(document.documentElement.scrollHeight);
    postToParent(embedOrigin, { type: "ready", height: height() });
    const observer = new ResizeObserver(() =>
      postToParent(embedOrigin, { type: "resize", height: height() }),
    );
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [embedOrigin]);

  function show(next: Notice) {
    setNotice(next);
    window.setTimeout(() => noticeRef.current?.focus(), 0);
  }

  /** Runs the merchant's beforePayment (embed), then one attempt, then follows its outcome. */
  async function pay(
    chosen: CheckoutMethod,
    prepare: () => Promise<Record<string, unknown> | null>,
  ): Promise<void> {
    if (busy) return;
    setBusy(true);
    setNotice(null);
    try {
      const permission = await askBeforePayment(embedOrigin, chosen);
      if (permission !== "proceed") {
        show({
          kind: "error",
          text: permission === "stopped" ? t.merchantStopped : t.merchantNoAnswer,
        });
        return;
      }
      const extra = await prepare();
      if (extra === null) return;
      let response: Response;
      try {
        response = await fetch(`/api/checkout/${sessionId}/attempts`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ pg_code: gateway.code, method: chosen, ...extra }),
        });
      } catch {
        show({ kind: "error", text: t.errorNetwork });
        return;
      }
      if (response.status === 409 || response.status === 404) {
        // Expired, canceled, no attempts left, or already paid: the page says which and what to do.
        const body = (await response.json().catch(() => null)) as {
          error?: { code?: string; message?: string };
        } | null;
        const code = body?.error?.code ?? "invalid_state";
        const data = { ...props.outcomeData, message: body?.error?.message };
        if (code === "request_canceled") postToParent(embedOrigin, { type: "cancel", data });
        else postToParent(embedOrigin, { type: "error", data: { ...data, code } });
        window.location.reload();
        return;
      }
      if (!response.ok) {
        show({ kind: "error", text: t.errorGeneric });
        return;
      }
      follow((await response.json()) as AttemptAnswer);
    } finally {
      setBusy(false);
    }
  }

  function follow(answer: AttemptAnswer) {
    switch (answer.outcome) {
      case "success": {
        postToParent(embedOrigin, {
          type: "success",
          data: { ...props.outcomeData, state: answer.state, redirect_url: answer.redirect_url },
        });
        setBusy(true);
        window.location.assign(answer.redirect_url ?? `/checkout/${sessionId}?lang=${language}`);
        return;
      }
      case "action_required":
        setBusy(true);
        window.location.assign(answer.url);
        return;
      case "pending":
        window.location.reload();
        return;
      case "form_error":
        setAttemptsLeft(answer.attempts_left);
        show({ kind: "error", text: failureMessage(language, answer.reason) });
        return;
      case "error":
        postToParent(embedOrigin, {
          type: "error",
          data: {
            ...props.outcomeData,
            state: answer.state,
            message: answer.message,
            code: answer.reason,
          },
        });
        window.location.reload();
        return;
    }
  }

  if (!gateway || methods.length === 0) return <p className="mt-5 text-slate-600">{t.noMethods}</p>;

  const methodLabel: Record<CheckoutMethod, string> = {
    card: t.methodCard,
    saved_card: t.methodSavedCard,
    redirect: t.methodRedirect,
    apple_pay: t.methodApplePay,
  };

  return (
    <div className="mt-5">
      <div
        ref={noticeRef}
        tabIndex={-1}
        role="alert"
        data-testid="checkout-notice"
        className={
          notice
            ? "mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 outline-none"
            : "sr-only"
        }
      >
        {notice ? (
          <>
            <p>{notice.text}</p>
            <p className="mt-1">
              {t.tryAgain} {format(t.attemptsLeft, { count: attemptsLeft })}
            </p>
          </>
        ) : null}
      </div>

      {props.gateways.length > 1 ? (
        <label className="mb-4 block text-sm font-medium text-slate-700">
          {t.gateway}
          <select
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2"
            value={gateway.code}
            onChange={(event) => setGatewayCode(event.target.value)}
            disabled={busy}
          >
            {props.gateways.map((g) => (
              <option key={g.code} value={g.code}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}

      {methods.length > 1 ? (
        <fieldset className="mb-4">
          <legend className="mb-2 text-sm font-medium text-slate-700">{t.methods}</legend>
          <div className="flex flex-wrap gap-2">
            {methods.map((m) => (
              <label
                key={m}
                className={`cursor-pointer rounded-md border px-3 py-2 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500 ${
                  current === m
                    ? "border-indigo-600 bg-indigo-50 text-indigo-800"
                    : "border-slate-300 text-slate-700"
                }`}
              >
                <input
                  type="radio"
                  name={`${id}-method`}
                  value={m}
                  checked={current === m}
                  onChange={() => setMethod(m)}
                  className="sr-only"
                />
                {methodLabel[m]}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}

      {current === "card" ? (
        <CardForm
          t={t}
          language={language}
          busy={busy}
          amountLabel={props.amountLabel}
          saveCard={props.saveCard}
          onPay={(card, save) =>
            pay("card", async () => {
              const tokenized = await tokenizeCard(card);
              if (!tokenized.ok) {
                show({
                  kind: "error",
                  text: language === "en" ? tokenized.message : t.errorTokenize,
                });
                return null;
              }
              return { token: tokenized.card.token, ...(save ? { save_card: true } : {}) };
            })
          }
        />
      ) : current === "saved_card" ? (
        <SavedCards
          t={t}
          sessionId={sessionId}
          busy={busy}
          cards={cardsHere}
          amountLabel={props.amountLabel}
          onDeleted={(cardId) => {
            setSavedCards((cards) => cards.filter((card) => card.id !== cardId));
            show({ kind: "info", text: t.cardDeleted });
          }}
          onPay={(cardId) => pay("saved_card", async () => ({ saved_card_id: cardId }))}
        />
      ) : current === "redirect" ? (
        <PayButton busy={busy} t={t} onClick={() => pay("redirect", async () => ({}))}>
          {format(t.payOn, { gateway: gateway.name })}
        </PayButton>
      ) : (
        <PayButton
          busy={busy}
          t={t}
          className="bg-black hover:bg-slate-800"
          onClick={() =>
            pay("apple_pay", () => applePayToken(props.outcomeData, props.amount, props.currency))
          }
        >
          {t.payWithApplePay}
        </PayButton>
      )}
    </div>
  );
}

function PayButton({
  busy,
  t,
  onClick,
  type = "button",
  className = "",
  children,
}: {
  busy: boolean;
  t: Messages;
  onClick?: () => void;
  type?: "button" | "submit";
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <button
      type={type}
      onClick={onClick}
      disabled={busy}
      aria-busy={busy}
      className={`mt-2 inline-flex w-full items-center justify-center gap-2 rounded-md bg-indigo-600 px-4 py-3 text-base font-semibold text-white hover:bg-indigo-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-wait disabled:opacity-70 ${className}`}
    >
      {busy ? (
        <>
          <span
            aria-hidden="true"
            className="h-4 w-4 animate-spin rounded-full border-2 border-white border-t-transparent"
          />
          {t.paying}
        </>
      ) : (
        children
      )}
    </button>
  );
}

type CardValues = {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  holder: string;
};

function CardForm({
  t,
  language,
  busy,
  amountLabel,
  saveCard,
  onPay,
}: {
  t: Messages;
  language: CheckoutLanguage;
  busy: boolean;
  amountLabel: string;
  saveCard: "ask" | "always" | "never";
  onPay: (card: CardValues, save: boolean) => void;
}) {
  const id = useId();
  const [values, setValues] = useState({ number: "", expiry: "", cvc: "", holder: "" });
  const [errors, setErrors] = useState<Partial<Record<CardField, string>>>({});
  const [save, setSave] = useState(false);
  const refs = {
    number: useRef<HTMLInputElement>(null),
    expiry: useRef<HTMLInputElement>(null),
    cvc: useRef<HTMLInputElement>(null),
    holder: useRef<HTMLInputElement>(null),
  };

  /** The card rules (lib/domain/cards), as the gateway applies them, one message per field. */
  function check(): { card: CardValues | null; errors: Partial<Record<CardField, string>> } {
    const found: Partial<Record<CardField, string>> = {};
    const expiry = parseExpiryInput(values.expiry);
    if (!expiry) found.expiry = t.errorExpiryFormat;
    const card = {
      number: values.number.trim(),
      expMonth: expiry?.month ?? 1,
      expYear: expiry?.year ?? new Date().getUTCFullYear(),
      cvc: values.cvc.trim(),
      holder: values.holder,
    };
    const result = checkCard(card, new Date());
    if (!result.ok)
      for (const error of result.errors) {
        const field: CardField =
          error.field === "expMonth" || error.field === "expYear" ? "expiry" : error.field;
        if (field === "expiry" && !expiry) continue;
        found[field] ??= localize(field, error.message);
      }
    return { card: Object.keys(found).length === 0 ? card : null, errors: found };
  }

  function localize(field: CardField, english: string): string {
    if (language === "en") return english;
    return {
      number: "رقم البطاقة غير صالح.",
      expiry: "تاريخ الانتهاء غير صالح أو منتهي.",
      cvc: "رمز الأمان غير صالح.",
      holder: "أدخل الاسم كما هو على البطاقة.",
    }[field];
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = check();
    setErrors(result.errors);
    if (!result.card) {
      const first = (["number", "expiry", "cvc", "holder"] as const).find((f) => result.errors[f]);
      if (first) refs[first].current?.focus();
      return;
    }
    onPay(result.card, saveCard === "ask" && save);
  }

  function onBlur(field: CardField) {
    if (values[field] === "") return;
    const message = check().errors[field];
    setErrors((current) => ({ ...current, [field]: message }));
  }

  const field = (
    name: CardField,
    label: string,
    attrs: React.InputHTMLAttributes<HTMLInputElement>,
  ) => (
    <div className={name === "expiry" || name === "cvc" ? "" : "col-span-2"}>
      <label htmlFor={`${id}-${name}`} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        ref={refs[name]}
        id={`${id}-${name}`}
        name={name}
        value={values[name]}
        onChange={(event) => {
          const value = event.target.value;
          setValues((current) => ({ ...current, [name]: value }));
          if (errors[name]) setErrors((current) => ({ ...current, [name]: undefined }));
        }}
        onBlur={() => onBlur(name)}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${id}-${name}-error` : undefined}
        disabled={busy}
        className={`mt-1 block w-full min-w-0 rounded-md border px-3 py-2 text-base ${
          errors[name] ? "border-red-500" : "border-slate-300"
        }`}
        {...attrs}
      />
      <p id={`${id}-${name}-error`} className="mt-1 min-h-4 text-xs text-red-700">
        {errors[name] ?? ""}
      </p>
    </div>
  );

  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid grid-cols-2 gap-x-3 gap-y-1"
      data-testid="card-form"
    >
      {field("number", t.cardNumber, {
        inputMode: "numeric",
        autoComplete: "cc-number",
        dir: "ltr",
        maxLength: 23,
        placeholder: "4242 4242 4242 4242",
      })}
      {field("expiry", t.cardExpiry, {
        inputMode: "numeric",
        autoComplete: "cc-exp",
        dir: "ltr",
        maxLength: 7,
        placeholder: "MM/YY",
      })}
      {field("cvc", t.cardCvc, {
        inputMode: "numeric",
        autoComplete: "cc-csc",
        dir: "ltr",
        maxLength: 4,
        placeholder: "123",
      })}
      {field("holder", t.cardHolder, { autoComplete: "cc-name", maxLength: 100 })}
      {saveCard === "ask" ? (
        <label className="col-span-2 mb-2 flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={save}
            onChange={(event) => setSave(event.target.checked)}
            disabled={busy}
            className="h-4 w-4"
          />
          {t.saveCard}
        </label>
      ) : null}
      <div className="col-span-2">
        <PayButton busy={busy} t={t} type="submit">
          {`${t.pay} ${amountLabel}`}
        </PayButton>
      </div>
    </form>
  );
}

function SavedCards({
  t,
  sessionId,
  busy,
  cards,
  amountLabel,
  onDeleted,
  onPay,
}: {
  t: Messages;
  sessionId: string;
  busy: boolean;
  cards: SavedCard[];
  amountLabel: string;
  onDeleted: (cardId: string) => void;
  onPay: (cardId: string) => void;
}) {
  const id = useId();
  const [chosen, setChosen] = useState(cards[0]?.id ?? "");
  const [deleting, setDeleting] = useState<SavedCard | null>(null);
  const [working, setWorking] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (deleting) dialog.current?.showModal();
    else dialog.current?.close();
  }, [deleting]);

  async function confirmDelete() {
    if (!deleting) return;
    setWorking(true);
    try {
      const response = await fetch(`/api/checkout/${sessionId}/saved-cards/${deleting.id}`, {
        method: "DELETE",
      });
      if (response.ok || response.status === 404) onDeleted(deleting.id);
    } finally {
      setWorking(false);
      setDeleting(null);
    }
  }

  if (cards.length === 0) return <p className="text-slate-600">{t.savedCardsEmpty}</p>;
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    <div>
      <fieldset>
        <legend className="sr-only">{t.methodSavedCard}</legend>
        <ul className="space-y-2">
          {cards.map((card) => (
            <li
              key={card.id}
              className="flex items-center justify-between gap-2 rounded-md border border-slate-300 px-3 py-2"
            >
              <label className="flex min-w-0 items-center gap-2 text-sm">
                <input
                  type="radio"
                  name={`${id}-card`}
                  value={card.id}
                  checked={chosen === card.id}
                  onChange={() => setChosen(card.id)}
                  disabled={busy}
                />
                <span dir="ltr" className="truncate">
                  {card.brand} •••• {card.last4}
                </span>
                <span className="text-slate-500">
                  {format(t.savedCardExpires, {
                    month: pad(card.expMonth),
                    year: String(card.expYear).slice(-2),
                  })}
                </span>
              </label>
              <button
                type="button"
                className="shrink-0 rounded px-2 py-1 text-sm text-red-700 hover:bg-red-50"
                onClick={() => setDeleting(card)}
                disabled={busy}
                aria-label={`${t.deleteCard} ${card.brand} ${card.last4}`}
              >
                {t.deleteCard}
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
      <PayButton busy={busy} t={t} onClick={() => chosen && onPay(chosen)}>
        {`${t.pay} ${amountLabel}`}
      </PayButton>
      <dialog
        ref={dialog}
        onClose={() => setDeleting(null)}
        aria-labelledby={`${id}-dialog-title`}
        className="m-auto w-[min(24rem,calc(100vw-2rem))] rounded-lg p-5 shadow-xl backdrop:bg-black/40"
      >
        <p id={`${id}-dialog-title`} className="text-sm text-slate-800">
          {deleting ? format(t.deleteCardConfirm, { last4: deleting.last4 }) : ""}
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <button
            type="button"
            className="rounded-md border border-slate-300 px-3 py-2 text-sm"
            onClick={() => setDeleting(null)}
            autoFocus
          >
            {t.cancel}
          </button>
          <button
            type="button"
            className="rounded-md bg-red-600 px-3 py-2 text-sm text-white disabled:opacity-60"
            onClick={confirmDelete}
            disabled={working}
          >
            {t.confirmDelete}
          </button>
        </div>
      </dialog>
    </div>
  );
}

/** Apple Pay's sheet, where the browser offers it: resolves the payment token, or null if canceled. */
function applePayToken(
  outcome: OutcomeData,
  amount: string,
  currency: string,
): Promise<Record<string, unknown> | null> {
  const ApplePay = window.ApplePaySession;
  if (!ApplePay) return Promise.resolve(null);
  return new Promise((resolve) => {
    const session = new ApplePay(3, {
      countryCode: "KW",
      currencyCode: currency,
      supportedNetworks: ["visa", "masterCard", "amex"],
      merchantCapabilities: ["supports3DS"],
      total: { label: outcome.order_no, amount },
    });
    session.onvalidatemerchant = () => {};
    session.onpaymentauthorized = (event) => {
      session.completePayment(0);
      resolve({ token: JSON.stringify(event.payment.token) });
    };
    session.oncancel = () => resolve(null);
    session.begin();
  });
}
