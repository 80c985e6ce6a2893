"use server";

import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { createDemoShopSession } from "@/lib/services/checkout/create-demo-shop-session";

/**
 * The demo shop's Buy button: its server creates a checkout session (sandbox only, no input from the
 * visitor) and the page then embeds it. Not the dashboard's action client: nobody signs in here.
 */
export async function buyDemoProduct(): Promise<{ error: string }> {
  let id: string;
  try {
    id = (await createDemoShopSession()).id;
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    logger.error({ err: error }, "demo shop: creating the session failed");
    return { error: "The shop could not start the payment. Try again." };
  }
  redirect(`/sandbox/shop?session=${id}`);
}
