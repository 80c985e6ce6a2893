"use client";

import { type FormEvent, useId, useMemo, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { CHANNEL_LABELS } from "@/lib/domain/checkout/payment-links";
import { parseMoney } from "@/lib/domain/money/money";
import { toE164 } from "@/lib/domain/phones/phone";
import type { GatewayOption } from "@/lib/queries/transactions/list-gateway-options";
import { DEFAULT_EXPIRY_MINUTES, EXPIRY_CHOICES_MINUTES } from "@/lib/validation/payment-links";
import { CopyLinkButton, QrButton } from "../../_components/link-actions";
import { createPaymentLinkAction } from "../../actions";

const CHANNELS = [
  { value: "email", label: "Email" },
  { value: "sms", label: "SMS" },
  { value: "whatsapp", label: "WhatsApp" },
] as const;
type Channel = (typeof CHANNELS)[number]["value"];

function expiryLabel(minutes: number): string {
  if (minutes < 60) return `${minutes} minutes`;
  if (minutes < 1440) return `${minutes / 60} hour${minutes === 60 ? "" : "s"}`;
  return `${minutes / 1440} day${minutes === 1440 ? "" : "s"}`;
}

type Created = {
  id: string;
  orderNo: string;
  checkoutUrl: string;
  shortUrl: string;
  qrUrl: string;
  channels: string[];
  whatsappUrl: string | null;
};

export function CreateLinkForm({ gateways }: { gateways: GatewayOption[] }) {
  const id = useId();
  const currencies = useMemo(
    () => [...new Set(gateways.map((g) => g.currency))].sort(),
    [gateways],
  );
  const [currency, setCurrency] = useState(currencies[0] ?? "");
  const ofCurrency = gateways.filter((g) => g.currency === currency);
  const [pgCodes, setPgCodes] = useState<string[]>(ofCurrency.map((g) => g.code));
  const [values, setValues] = useState({
    amount: "",
    order_no: "",
    customer_first_name: "",
    customer_last_name: "",
    customer_email: "",
    customer_phone: "",
    due_at: "",
    expiry_minutes: String(DEFAULT_EXPIRY_MINUTES),
    language: "en",
  });
  const [channels, setChannels] = useState<Channel[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const [pending, startTransition] = useTransition();

  const set = (name: keyof typeof values) => (event: { target: { value: string } }) => {
    setValues((current) => ({ ...current, [name]: event.target.value }));
    setErrors((current) => ({ ...current, [name]: "" }));
  };

  /** Checked here first so a mistake shows beside its field at once; the server checks again. */
  function check(): Record<string, string> {
    const found: Record<string, string> = {};
    const money = parseMoney(values.amount.trim(), currency);
    if (!values.amount.trim()) found.amount = "Enter the amount.";
    else if (!money.ok) found.amount = money.error.message;
    else if (money.money.minor <= 0n) found.amount = "The amount must be greater than zero.";
    if (pgCodes.length === 0) found.pg_codes = "Choose at least one gateway.";
    if (values.customer_phone.trim()) {
      const phone = toE164(values.customer_phone);
      if (!phone.ok) found.customer_phone = phone.reason;
    }
    if (values.due_at && new Date(values.due_at).getTime() <= Date.now())
      found.due_at = "The due date must be in the future.";
    if (channels.includes("email") && !values.customer_email.trim())
      found.customer_email = "Sending by email needs the customer's email.";
    if (
      (channels.includes("sms") || channels.includes("whatsapp")) &&
      !values.customer_phone.trim()
    )
      found.customer_phone = "Sending by SMS or WhatsApp needs the customer's phone.";
    return found;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = check();
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setConfirming(true);
  }

  function create() {
    startTransition(async () => {
      const result = await createPaymentLinkAction({
        ...values,
        currency: currency as never,
        pg_codes: pgCodes,
        due_at: values.due_at ? new Date(values.due_at).toISOString() : "",
        expiry_minutes: Number(values.expiry_minutes),
        language: values.language as "en" | "ar",
        channels,
      });
      if (!result.ok) {
        setErrors(mapFieldErrors(result.error.fieldErrors ?? {}));
        toast.error(result.error.message);
        return;
      }
      setCreated(result.data);
      toast.success(
        `Payment link ${result.data.orderNo} created${result.data.channels.length ? ` and sent by ${result.data.channels.map((c) => CHANNEL_LABELS[c as Channel] ?? c).join(", ")}` : ""}`,
      );
    });
  }

  if (created) return <CreatedLink created={created} onAnother={() => setCreated(null)} />;

  const field = (name: string) => ({
    id: `${id}-${name}`,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${id}-${name}-error` : undefined,
  });
  const error = (name: string) =>
    errors[name] ? (
      <p id={`${id}-${name}-error`} className="mt-1 text-sm text-red-700">
        {errors[name]}
      </p>
    ) : null;
  const label = (name: string, text: string) => (
    <label htmlFor={`${id}-${name}`} className="mb-1 block text-sm font-medium text-slate-800">
      {text}
    </label>
  );

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-5 rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          {label("amount", "Amount")}
          <Input
            {...field("amount")}
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            value={values.amount}
            onChange={set("amount")}
            placeholder="12.500"
          />
          {error("amount")}
        </div>
        <div>
          {label("currency", "Currency")}
          <Select
            {...field("currency")}
            value={currency}
            onChange={(event) => {
              setCurrency(event.target.value);
              setPgCodes(
                gateways.filter((g) => g.currency === event.target.value).map((g) => g.code),
              );
            }}
          >
            {currencies.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <fieldset aria-describedby={errors.pg_codes ? `${id}-pg_codes-error` : undefined}>
        <legend className="mb-1 text-sm font-medium text-slate-800">Gateways offered</legend>
        <div className="flex flex-wrap gap-4">
          {ofCurrency.map((gateway, index) => (
            <label key={gateway.code} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                id={index === 0 ? `${id}-pg_codes` : undefined}
                checked={pgCodes.includes(gateway.code)}
                onChange={(event) =>
                  setPgCodes((current) =>
                    event.target.checked
                      ? [...current, gateway.code]
                      : current.filter((c) => c !== gateway.code),
                  )
                }
              />
              {gateway.name} ({gateway.code})
            </label>
          ))}
        </div>
        {error("pg_codes")}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          {label("customer_first_name", "Customer first name")}
          <Input
            {...field("customer_first_name")}
            autoComplete="off"
            value={values.customer_first_name}
            onChange={set("customer_first_name")}
            maxLength={100}
          />
          {error("customer_first_name")}
        </div>
        <div>
          {label("customer_last_name", "Customer last name")}
          <Input
            {...field("customer_last_name")}
            autoComplete="off"
            value={values.customer_last_name}
            onChange={set("customer_last_name")}
            maxLength={100}
          />
          {error("customer_last_name")}
        </div>
        <div>
          {label("customer_email", "Customer email")}
          <Input
            {...field("customer_email")}
            type="email"
            autoComplete="off"
            value={values.customer_email}
            onChange={set("customer_email")}
            maxLength={254}
          />
          {error("customer_email")}
        </div>
        <div>
          {label("customer_phone", "Customer phone (with country code)")}
          <Input
            {...field("customer_phone")}
            type="tel"
            autoComplete="off"
            value={values.customer_phone}
            onChange={set("customer_phone")}
            placeholder="+965 5000 1234"
            maxLength={40}
          />
          {error("customer_phone")}
        </div>
        <div>
          {label("order_no", "Order number (optional)")}
          <Input
            {...field("order_no")}
            autoComplete="off"
            value={values.order_no}
            onChange={set("order_no")}
            maxLength={64}
          />
          {error("order_no")}
        </div>
        <div>
          {label("due_at", "Due date (optional)")}
          <Input
            {...field("due_at")}
            type="datetime-local"
            value={values.due_at}
            onChange={set("due_at")}
          />
          {error("due_at")}
        </div>
        <div>
          {label("expiry_minutes", "Link expires after")}
          <Select
            {...field("expiry_minutes")}
            value={values.expiry_minutes}
            onChange={set("expiry_minutes")}
          >
            {EXPIRY_CHOICES_MINUTES.map((minutes) => (
              <option key={minutes} value={minutes}>
                {expiryLabel(minutes)}
              </option>
            ))}
          </Select>
          {error("expiry_minutes")}
        </div>
        <div>
          {label("language", "Language of the messages")}
          <Select {...field("language")} value={values.language} onChange={set("language")}>
            <option value="en">English</option>
            <option value="ar">Arabic</option>
          </Select>
        </div>
      </div>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-800">Send the link by</legend>
        <div className="flex flex-wrap gap-4">
          {CHANNELS.map((channel) => (
            <label key={channel.value} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="channels"
                value={channel.value}
                checked={channels.includes(channel.value)}
                onChange={(event) =>
                  setChannels((current) =>
                    event.target.checked
                      ? [...current, channel.value]
                      : current.filter((c) => c !== channel.value),
                  )
                }
              />
              {channel.label}
            </label>
          ))}
        </div>
      </fieldset>
      {error("form")}
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create payment link"}
      </Button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Create this payment link?"
        confirmLabel={channels.length ? "Create and send" : "Create"}
        onConfirm={create}
      >
        <p>
          Ask for{" "}
          <strong>
            {values.amount} {currency}
          </strong>
          {values.customer_first_name
            ? ` from ${values.customer_first_name} ${values.customer_last_name}`.trimEnd()
            : ""}
          .
        </p>
        <p>
          {channels.length
            ? `The link is sent at once by ${channels.map((c) => CHANNELS.find((x) => x.value === c)?.label).join(", ")}.`
            : "The link is not sent; you can copy or share it afterwards."}
        </p>
      </ConfirmDialog>
    </form>
  );
}

/** The API's field names, as this form names its fields. */
function mapFieldErrors(fieldErrors: Record<string, string>): Record<string, string> {
  const names: Record<string, string> = {
    currency_code: "currency",
    due_datetime: "due_at",
    expiration_time: "expiry_minutes",
  };
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([field, message]) => [names[field] ?? field, message]),
  );
}

function CreatedLink({ created, onAnother }: { created: Created; onAnother: () => void }) {
  const whatsapp = created.whatsappUrl;
  return (
    <section
      aria-labelledby="created-heading"
      className="space-y-4 rounded-lg border border-emerald-200 bg-emerald-50 p-4 sm:p-6"
    >
      <h2 id="created-heading" className="text-lg font-semibold text-emerald-900">
        Payment link {created.orderNo} created
      </h2>
      <p className="break-all text-sm">
        <a href={created.shortUrl} className="text-indigo-700 underline" data-testid="created-link">
          {created.shortUrl}
        </a>
      </p>
      <div className="flex flex-wrap gap-2">
        <CopyLinkButton url={created.shortUrl} />
        <QrButton qrUrl={created.qrUrl} shortUrl={created.shortUrl} />
        {whatsapp && (
          <a
            href={whatsapp}
            target="_blank"
            rel="noreferrer"
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50"
          >
            Share on WhatsApp
          </a>
        )}
        <a
          href={`/payment-links/${created.id}`}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50"
        >
          Open the link's page
        </a>
        <Button type="button" variant="ghost" className="px-2 py-1 text-xs" onClick={onAnother}>
          Create another
        </Button>
      </div>
    </section>
  );
}
