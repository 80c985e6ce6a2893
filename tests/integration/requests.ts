/** Requests and route contexts for calling route handlers directly, as Next.js would. */

export const noParams = { params: Promise.resolve({}) };

export const withId = (id: string) => ({ params: Promise.resolve({ id }) });

/** A GET with the API key as a bearer token; without a key, an anonymous GET. */
export function get(path: string, key?: string): Request {
  return new Request(`http://test${path}`, {
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
}
