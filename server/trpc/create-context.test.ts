import { describe, expect, it, vi } from "vitest";

vi.mock("../auth/portal-session", () => ({ sessionUser: async () => null }));
const { cookieValue, createTrpcContext } = await import("./create-context");

describe("the business cookie", () => {
  it("is read %-decoded", () => {
    expect(cookieValue(new Headers({ cookie: "a=1; ll_business=b1%2Dc2" }), "ll_business")).toBe("b1-c2");
  });

  it("is ignored, not a 500, when its %-encoding is malformed", async () => {
    const headers = new Headers({ cookie: "ll_business=%E0%A4%A" });
    expect(cookieValue(headers, "ll_business")).toBeNull();
    await expect(createTrpcContext({ headers })).resolves.toMatchObject({ preferredBusinessId: null });
  });
});
