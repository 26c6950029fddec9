// Our address as customers and stores reach it, for links and snippets we hand out (the widget's
// script tag, member page links and QR codes): APP_URL when configured, which is what a
// production install sets; otherwise the origin the caller reached us on (the portal's page, an
// API request's URL), and last a local server's default. Set APP_URL behind a proxy: a link
// built from what a client sent can only be as right as the address it used.
import { env } from "../env";

export function publicOrigin(requestOrigin?: string): string {
  const configured = env().APP_URL;
  if (configured) return new URL(configured).origin;
  return requestOrigin ? new URL(requestOrigin).origin : `http://localhost:${env().PORT}`;
}
