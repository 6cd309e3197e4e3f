"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { loginSchema, signIn, signOut } from "@/lib/auth/next-auth";

export type LoginState = { email: string; error?: string; fields?: { email?: string[]; password?: string[] } };

/** Only same-site paths: an open redirect after login would hand the session's trust to anyone. */
function safeRedirect(value: FormDataEntryValue | null): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")
    ? value
    : "/";
}

function loginFailureMessage(error: AuthError): string {
  if (error instanceof CredentialsSignin) {
    if (error.code === "rate_limited") return "Too many failed attempts. Wait 15 minutes, then try again.";
    if (error.code === "disabled") return "This account is disabled. Ask an administrator to enable it.";
    return "Invalid email or password.";
  }
  return "Sign-in failed. Please try again.";
}

export async function loginAction(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const email = String(formData.get("email") ?? "");
  const parsed = loginSchema.safeParse({ email, password: formData.get("password") ?? "" });
  if (!parsed.success) return { email, fields: z.flattenError(parsed.error).fieldErrors };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeRedirect(formData.get("callbackUrl")) });
  } catch (error) {
    // signIn redirects by throwing; only authentication failures become a message.
    if (error instanceof AuthError) return { email, error: loginFailureMessage(error) };
    throw error;
  }
  return { email };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
