import { nextAuthRoute } from "@/lib/api/next-auth-route";
import { methodNotAllowed } from "@/lib/api/route";
import { authOptions } from "@/lib/auth/options";

// One handler for GET, POST, PUT, PATCH and DELETE: it answers 405 with the Allow of each action
// (GET on callback/credentials: Allow: POST). OPTIONS as every other route answers it.
const handler = nextAuthRoute(authOptions);

export { handler as DELETE, handler as GET, handler as PATCH, handler as POST, handler as PUT };

export const { OPTIONS } = methodNotAllowed(["GET", "POST"]);
