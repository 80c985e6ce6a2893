import { nextAuthRoute } from "@/lib/api/next-auth-route";
import { authOptions } from "@/lib/auth/options";

// One handler for every method: it answers 405 with Allow for the methods an action does not serve.
const handler = nextAuthRoute(authOptions);

export {
  handler as DELETE,
  handler as GET,
  handler as OPTIONS,
  handler as PATCH,
  handler as POST,
  handler as PUT,
};
