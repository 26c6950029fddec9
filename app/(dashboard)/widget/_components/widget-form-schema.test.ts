// The widget form speaks the API's schema: each refused field gets the server's own sentence,
// origins are rows, and what it sends is what widget.update takes (empty share link = none).
import { describe, expect, it } from "vitest";
import { updateWidgetSettingsInput } from "@/server/widget/widget-settings-schemas";
import { toFormValues, toWidgetInput, widgetFormSchema } from "./widget-form-schema";

const valid = toFormValues({ enabled: true, primaryColor: "#0F766E", launcherText: "Rewards", allowedOrigins: ["https://shop.example"], shareUrl: null });

describe("widget form schema", () => {
  it("names each bad field with the API's sentence, per origin row", () => {
    const result = widgetFormSchema.safeParse({
      ...valid,
      primaryColor: "teal",
      launcherText: "",
      allowedOrigins: [{ value: "https://ok.example" }, { value: "http://shop.example" }, { value: "https://shop.example/cart" }],
      shareUrl: "ftp://x",
    });
    expect(result.success).toBe(false);
    const byPath = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(byPath).toEqual({
      primaryColor: "must be a colour as #rrggbb",
      launcherText: "the launcher needs some text",
      "allowedOrigins.1.value": "http://shop.example must use https (http only for localhost)",
      "allowedOrigins.2.value": "https://shop.example/cart must be an origin only (scheme, host and port), without a path",
      shareUrl: "must be an https:// address of a page of your shop",
    });
  });

  it("sends what widget.update accepts: origins as strings, an empty share link as null", () => {
    const input = toWidgetInput({ ...valid, allowedOrigins: [{ value: " https://Shop.Example " }], shareUrl: "  " });
    expect(input).toEqual({ enabled: true, primaryColor: "#0F766E", launcherText: "Rewards", allowedOrigins: ["https://Shop.Example"], shareUrl: null });
    expect(updateWidgetSettingsInput.parse(input)).toMatchObject({ primaryColor: "#0f766e", allowedOrigins: ["https://shop.example"], shareUrl: null });
  });
});
