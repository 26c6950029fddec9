// The stores of the widget's e2e tests and bench: pages on another origin than the app
// (127.0.0.1, not localhost), fulfilled by page.route, so no server runs for them. The seeded
// business allows STORE_ORIGIN only; OTHER_STORE_ORIGIN stands for a site it never allowed.
export const STORE_ORIGIN = "http://127.0.0.1:4561";
export const OTHER_STORE_ORIGIN = "http://127.0.0.1:4562";

export type WidgetSeed = {
  publicId: string;
  secret: string;
  // Another business's widget secret: a token it signs is forged as far as ours is concerned.
  otherSecret: string;
  otherPublicId: string;
  alice: { externalId: string; name: string; balance: number };
  bob: { externalId: string; balance: number };
  // A customer of the other business only.
  carol: { externalId: string; balance: number };
  // Blocked by the owner.
  dora: { externalId: string; balance: number };
  coffee: { id: string; title: string; pointsCost: number };
  tote: { id: string; title: string; pointsCost: number };
  bike: { id: string; title: string; pointsCost: number };
};

// A store page with the embed code as the owner's settings page gives it; `css` is the store's
// own (aggressive) stylesheet, `lang` its <html lang>.
export function storePage(options: { appOrigin: string; publicId: string; token?: string; css?: string; lang?: string; attributes?: string }): string {
  const token = options.token ? ` data-customer-token="${options.token}"` : "";
  return `<!doctype html><html lang="${options.lang ?? "en"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Store</title><style>body{font-family:Georgia,serif;margin:0}main{padding:24px}${options.css ?? ""}</style></head>
<body><main><h1>The store</h1><p>Products and things.</p></main>
<script src="${options.appOrigin}/widget.js" data-business="${options.publicId}"${token}${options.attributes ?? ""} async></script></body></html>`;
}
