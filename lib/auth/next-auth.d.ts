import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    userId?: string;
    merchantId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
    merchantId?: string;
    role?: string;
  }
}
