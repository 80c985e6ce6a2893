/**
 * Posts the card straight from the browser to the sandbox gateway's tokenize endpoint (as a real
 * provider's hosted fields would) and returns its token: our server never sees the number or CVC.
 */
export async function tokenizeCard(card: {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  holder: string;
}): Promise<{ token: string; brand: string; last4: string } | null> {
  const response = await fetch("/api/sandbox-gateway/tokenize", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(card),
  });
  if (!response.ok) return null;
  return (await response.json()) as { token: string; brand: string; last4: string };
}
