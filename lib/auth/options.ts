import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { CLIENT_ADDRESS_HEADER } from "@/lib/auth/request-address";
import { config } from "@/lib/config";
import { safeCallbackPath } from "@/lib/domain/auth/safe-callback-url";
import { logger } from "@/lib/log";
import { SignInLockedError, verifyCredentials } from "@/lib/services/auth/verify-credentials";

const SESSION_HOURS = 8;

// next-auth ships CommonJS: bundlers (Next, Vitest) unwrap its default export, plain Node ESM (tsx
// scripts such as the benchmarks) hands us the module object instead.
const CredentialsProvider =
  (Credentials as unknown as { default?: typeof Credentials }).default ?? Credentials;

/** The address the route wrapper (lib/api/next-auth-route.ts) determined for this request. */
function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string {
  const address = headers?.[CLIENT_ADDRESS_HEADER];
  return (Array.isArray(address) ? address[0] : address) || "unknown";
}

export const authOptions: NextAuthOptions = {
  secret: config().nextAuthSecret,
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, request) {
        const email = typeof credentials?.email === "string" ? credentials.email : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        if (!email || !password || email.length > 254 || password.length > 200) return null;
        try {
          const user = await verifyCredentials(email, password, clientAddress(request?.headers));
          if (!user) return null;
          return {
            id: user.id,
            email: user.email,
            name: user.name,
            merchantId: user.merchantId,
            role: user.role,
          };
        } catch (error) {
          // next-auth passes a thrown message to the sign-in form; only our own words may go there.
          if (error instanceof SignInLockedError) throw new Error(error.message);
          logger.error({ err: error }, "sign-in failed unexpectedly");
          throw new Error("Sign-in is unavailable right now. Try again shortly.");
        }
      },
    }),
  ],
  callbacks: {
    // next-auth's default accepts any value starting with "/", including "/\\evil.example".
    async redirect({ url, baseUrl }) {
      return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
    },
    async jwt({ token, user }) {
      if (user) {
        const signedIn = user as typeof user & { merchantId: string; role: string };
        token.userId = signedIn.id;
        token.merchantId = signedIn.merchantId;
        token.role = signedIn.role;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, userId: token.userId, merchantId: token.merchantId };
    },
  },
};
