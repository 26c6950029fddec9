import { createRequire } from "node:module";
import { CredentialsSignin } from "@auth/core/errors";
import { describe, expect, it } from "vitest";
import { SignInThrottled } from "./sign-in-throttle";

const require = createRequire(import.meta.url);

describe("SignInThrottled", () => {
  it("is a CredentialsSignin with its own code and the wait", () => {
    const error = new SignInThrottled(90);
    expect(error).toBeInstanceOf(CredentialsSignin);
    expect(error).toMatchObject({ type: "CredentialsSignin", code: "throttled", retryAfterSeconds: 90 });
  });

  // Auth.js passes an authorize() error through to the login form only if it is an instance of
  // its own AuthError: our @auth/core must be the very copy next-auth loads, not a second one.
  it("comes from the same @auth/core that next-auth uses", () => {
    const fromNextAuth = createRequire(require.resolve("next-auth/package.json")).resolve("@auth/core/errors");
    expect(fromNextAuth).toBe(require.resolve("@auth/core/errors"));
  });
});
