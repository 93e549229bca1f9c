/**
 * The one way the registry reaches an HTTP upstream: a fetch over an undici Agent of its own per
 * upstream connection, whose connector judges every socket it opens by the upstream host policy:
 * an IP literal before dialling, a name through the policy's guarded `lookup`, so the address
 * judged is the address dialled (a redirect or a re-resolved name included). Both upstream
 * clients take it: `@mcp-contract/client` (Streamable HTTP) and the MCP SDK's SSE transport, whose
 * answers it also bounds (bounded-answer.ts). Closing it destroys every socket the connection opened.
 */
import { Agent, buildConnector, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from "undici";
import { boundAnswer, type AnswerBounds } from "./bounded-answer.js";
import { UpstreamHostRefused, type UpstreamHostPolicy } from "./upstream-host-policy.js";

export interface GuardedFetch {
  /** `@mcp-contract/client`'s fetch: takes a Request. */
  readonly fetch: (request: Request) => Promise<Response>;
  /** The MCP SDK transports' fetch: takes a URL and an init; its answers are bounded by `bounds`. */
  readonly sdkFetch: (url: string | URL, init?: RequestInit) => Promise<Response>;
  /** The policy's refusal of the last connect it refused, to explain a failed request. */
  refusal(): UpstreamHostRefused | undefined;
  /** Destroys every socket of this connection; fetches after it fail. */
  close(): Promise<void>;
}

export function createGuardedFetch(policy: UpstreamHostPolicy, bounds?: AnswerBounds): GuardedFetch {
  let refused: UpstreamHostRefused | undefined;
  const dial = buildConnector({ lookup: policy.lookup });
  const agent = new Agent({
    connect: (options, callback) => {
      const literal = policy.literalRefusal(options.hostname);
      if (literal) {
        refused = literal;
        callback(literal, null);
        return;
      }
      dial(options, (...result) => {
        if (result[0] instanceof UpstreamHostRefused) refused = result[0];
        callback(...result);
      });
    },
  });
  const send = (url: string | URL, init: RequestInit | undefined): Promise<Response> =>
    // undici's Response is the same WHATWG Response the global fetch returns (both are undici's).
    undiciFetch(url, { ...(init as UndiciRequestInit), dispatcher: agent }) as unknown as Promise<Response>;
  /**
   * The Requests whose exchange is under way. A Request's signal follows its caller's only while
   * the Request lives (the link is a WeakRef to its AbortController): a Request collected
   * mid-exchange would leave its fetch unabortable, and a timed-out call's socket open.
   */
  const inFlight = new Set<Request>();
  return {
    fetch: async (request) => {
      inFlight.add(request);
      const release = (): boolean => inFlight.delete(request);
      request.signal.addEventListener("abort", release, { once: true });
      try {
        // undici's fetch takes only its own Request class: the request is passed as its parts.
        const body = request.body === null ? undefined : await request.arrayBuffer();
        const response = await send(request.url, { method: request.method, headers: request.headers, body, signal: request.signal, redirect: request.redirect });
        return releasedAtEnd(response, release);
      } catch (error) {
        release();
        throw error;
      }
    },
    sdkFetch: async (url, init) => {
      const response = await send(url, init);
      return bounds ? boundAnswer(response, bounds) : response;
    },
    refusal: () => refused,
    close: () => agent.destroy(),
  };
}

/** `response`, calling `release` once its body has ended, broken or been cancelled. */
function releasedAtEnd(response: Response, release: () => void): Response {
  const source = response.body;
  if (!source) {
    release();
    return response;
  }
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = await reader.read();
        if (chunk.done) {
          release();
          controller.close();
        } else controller.enqueue(chunk.value);
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    cancel(reason) {
      release();
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
