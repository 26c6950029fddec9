// The client: typed calls over openapi-fetch that answer the envelope's `data` or throw a
// LoyaltyLedgerError, with idempotency keys filled in and retries (./retry.ts).
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./generated/openapi.js";
import { LoyaltyLedgerError } from "./errors.js";
import { newIdempotencyKey, withIdempotencyKeys } from "./idempotency.js";
import { retryingFetch, type RetryOptions } from "./retry.js";
import type { DataFor, InitArgs, InitFor, ItemOf, ListPaths, Method, PathsFor } from "./types.js";

export type LoyaltyLedgerOptions = RetryOptions & {
  // An API key (ll_live_...), sent as Authorization: Bearer.
  apiKey: string;
  // Where the app runs, e.g. https://loyalty.example.com (/api/v1 is added unless present).
  baseUrl: string;
  // A fetch of your own (a proxy agent, a test double); defaults to globalThis.fetch.
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  // How idempotency keys are made for writes that come without one (default: a random UUID).
  idempotencyKey?: () => string;
  headers?: Record<string, string>;
};

// Methods that may be resent after a dropped connection without an idempotency key.
const SAFE_TO_RESEND = new Set<Method>(["get", "put", "delete"]);

export class LoyaltyLedger {
  // The underlying openapi-fetch client (no retries, no idempotency keys filled in).
  readonly raw: Client<paths>;
  private readonly options: LoyaltyLedgerOptions;

  constructor(options: LoyaltyLedgerOptions) {
    if (!options.apiKey) throw new TypeError("LoyaltyLedger needs an apiKey.");
    this.options = options;
    const root = options.baseUrl.replace(/\/+$/, "");
    this.raw = createClient<paths>({
      baseUrl: root.endsWith("/api/v1") ? root : `${root}/api/v1`,
      headers: { ...options.headers, Authorization: `Bearer ${options.apiKey}` },
    });
  }

  get<P extends PathsFor<"get">>(path: P, ...init: InitArgs<P, "get">): Promise<DataFor<P, "get">> {
    return this.call("get", path, init[0]) as Promise<DataFor<P, "get">>;
  }

  post<P extends PathsFor<"post">>(path: P, ...init: InitArgs<P, "post">): Promise<DataFor<P, "post">> {
    return this.call("post", path, init[0]) as Promise<DataFor<P, "post">>;
  }

  put<P extends PathsFor<"put">>(path: P, ...init: InitArgs<P, "put">): Promise<DataFor<P, "put">> {
    return this.call("put", path, init[0]) as Promise<DataFor<P, "put">>;
  }

  patch<P extends PathsFor<"patch">>(path: P, ...init: InitArgs<P, "patch">): Promise<DataFor<P, "patch">> {
    return this.call("patch", path, init[0]) as Promise<DataFor<P, "patch">>;
  }

  delete<P extends PathsFor<"delete">>(path: P, ...init: InitArgs<P, "delete">): Promise<DataFor<P, "delete">> {
    return this.call("delete", path, init[0]) as Promise<DataFor<P, "delete">>;
  }

  // Every item of a list, page after page (100 a page unless perPage or limit says otherwise).
  async *paginate<P extends ListPaths>(path: P, ...init: InitArgs<P, "get">): AsyncGenerator<ItemOf<P>> {
    const options = (init[0] ?? {}) as { params?: { query?: Record<string, unknown>; path?: unknown } };
    const query = { ...options.params?.query };
    if (query.perPage === undefined && query.limit === undefined) query.perPage = 100;
    for (let page = Number(query.page ?? 1); ; page++) {
      const data = (await this.call("get", path, { ...options, params: { ...options.params, query: { ...query, page } } })) as {
        items: ItemOf<P>[];
        pagination: { perPage: number; totalPages: number; totalIsEstimate?: boolean };
      };
      yield* data.items;
      // An estimated total (very large lists) may end before the real last page.
      const lastPage = page >= data.pagination.totalPages && !data.pagination.totalIsEstimate;
      if (lastPage || data.items.length < data.pagination.perPage) return;
    }
  }

  private async call(method: Method, path: string, init: object | undefined): Promise<unknown> {
    const operation = `${method.toUpperCase()} ${path}`;
    const given = (init ?? {}) as InitFor<PathsFor<"post">, "post">;
    const { body, keyed } = withIdempotencyKeys(operation, given.body, this.options.idempotencyKey ?? newIdempotencyKey);
    const fetch = retryingFetch(this.options.fetch ?? ((input, requestInit) => globalThis.fetch(input, requestInit)), {
      ...this.options,
      safeToResend: SAFE_TO_RESEND.has(method) || keyed,
    });
    const request = this.raw.request as (method: Method, path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
    const sentKey = (body as { idempotencyKey?: unknown } | undefined)?.idempotencyKey;
    const withKey = (failure: unknown) => {
      if (failure instanceof LoyaltyLedgerError && typeof sentKey === "string") failure.idempotencyKey = sentKey;
      return failure;
    };
    const { data, error, response } = await request(method, path, { ...given, body, fetch }).catch((failure: unknown) => {
      throw withKey(failure);
    });
    if (!response.ok) throw withKey(LoyaltyLedgerError.fromResponse(response, error));
    // Every answer is enveloped except the OpenAPI document itself.
    const envelope = data as { success?: unknown; data?: unknown };
    return envelope && envelope.success === true && "data" in envelope ? envelope.data : data;
  }
}
