// Operations of the member page's sign-in links (see server/rest/operation.ts); picked up by ./index.ts.
import { customerIdParams } from "../../customers/customer-schemas";
import { memberLinkInput, memberLinkSchema } from "../../widget/member-link";
import { defineOperation } from "../operation";

export const createMemberLinkOperation = defineOperation({
  method: "POST",
  path: "/customers/{id}/member-link",
  tag: "Customers",
  summary: "Make a member page sign-in link",
  description:
    "A link to the business's member page (`/m/<publicId>`) that signs this customer in: for shops without a website, " +
    "e.g. printed as a QR code on a till receipt. The sign-in token is in the URL's fragment (`#link=`), which browsers " +
    "never send to a server. It works for `expiresInMinutes` (default 60, at most 24 hours) and opens a 30-day session " +
    "on the customer's device. Needs the loyalty widget switched on (409 CONFLICT otherwise) and a customer with an " +
    "email or external id (400 otherwise). Needs points:write: whoever holds the link can spend the customer's points. " +
    "A store that signs its own widget tokens can instead send customers to `/m/<publicId>#token=<token>`.",
  scope: "points:write",
  params: customerIdParams,
  body: memberLinkInput,
  response: memberLinkSchema,
  status: 201,
  example: { expiresInMinutes: 60 },
  errors: ["VALIDATION_ERROR", "CUSTOMER_NOT_FOUND", "CONFLICT"],
});
