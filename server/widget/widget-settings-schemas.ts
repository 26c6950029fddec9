// What an owner may set on the widget: validated here once for the portal's router (and any
// later adapter). Origins are what browsers send in Origin (scheme, host, port; no path), https
// only except a local development server on http://localhost.
import { z } from "zod";
import { storableText } from "../storable";

export const MAX_ALLOWED_ORIGINS = 20;
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

const isLocal = (url: URL) => url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname);
const securable = (url: URL) => url.protocol === "https:" || isLocal(url);

// "https://Shop.Example/" -> "https://shop.example"; a path, query, fragment or user refused.
export const originSchema = z
  .string()
  .trim()
  .max(200, "must be at most 200 characters")
  .transform((value, ctx) => {
    const url = parseUrl(value);
    const problem = !url
      ? "must be an origin such as https://shop.example"
      : !securable(url)
        ? "must use https (http only for localhost)"
        : url.username || url.password || url.pathname !== "/" || url.search || url.hash || value.endsWith("#") || value.endsWith("?")
          ? "must be an origin only (scheme, host and port), without a path"
          : null;
    if (problem) {
      ctx.addIssue({ code: "custom", message: `${value.slice(0, 200)} ${problem}` });
      return z.NEVER;
    }
    return url!.origin;
  });

export const allowedOriginsSchema = z
  .array(originSchema)
  .max(MAX_ALLOWED_ORIGINS, `at most ${MAX_ALLOWED_ORIGINS} origins`)
  .transform((origins) => [...new Set(origins)]);

export const colorSchema = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour as #rrggbb")
  .transform((c) => c.toLowerCase());

export const launcherTextSchema = storableText(40).pipe(z.string().min(1, "the launcher needs some text"));

// The page a friend lands on from a share link; https (or a local http server).
export const shareUrlSchema = z
  .string()
  .trim()
  .max(500, "must be at most 500 characters")
  .refine((value) => {
    const url = parseUrl(value);
    return url !== null && securable(url) && !url.username && !url.password;
  }, "must be an https:// address of a page of your shop")
  .transform((value) => new URL(value).href);

export const updateWidgetSettingsInput = z
  .object({
    enabled: z.boolean({ error: "must be true or false" }).optional(),
    primaryColor: colorSchema.optional(),
    launcherText: launcherTextSchema.optional(),
    allowedOrigins: allowedOriginsSchema.optional(),
    shareUrl: shareUrlSchema.nullable().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "send at least one setting to change", path: ["enabled"] });

export type UpdateWidgetSettingsInput = z.input<typeof updateWidgetSettingsInput>;

// The portal's own origin, for the embed code when APP_URL is not configured.
export const getWidgetSettingsInput = z.object({ origin: z.url().max(200).optional() });
