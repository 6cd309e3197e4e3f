import { describe, expect, it } from "vitest";
import { baseSecurityHeaders, pageContentSecurityPolicy, servedOverHttps } from "@/lib/http/security-headers";

describe("security headers", () => {
  it("send HSTS only when the console's public URL is https", () => {
    expect(servedOverHttps("https://keys.example.com")).toBe(true);
    expect(servedOverHttps("http://localhost:3000")).toBe(false);
    expect(servedOverHttps(undefined)).toBe(false);
    expect(baseSecurityHeaders(true)["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    expect(baseSecurityHeaders(false)).not.toHaveProperty("strict-transport-security");
  });

  it("let a page run only scripts with its nonce, and never be framed", () => {
    const policy = pageContentSecurityPolicy("abc123", false);
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe-eval");
    expect(pageContentSecurityPolicy("abc123", true)).toContain("'unsafe-eval'");
  });
});
