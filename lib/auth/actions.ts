"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { ACCOUNT_LIMIT, LIMIT_WINDOW_MINUTES } from "@/lib/auth/login-limit";
import { loginSchema, signIn, signOut } from "@/lib/auth/next-auth";
import { OIDC_PROVIDER_ID } from "@/lib/auth/oidc-provider";

export type LoginState = { email: string; error?: string; fields?: { email?: string[]; password?: string[] } };

/** Only same-site paths: an open redirect after login would hand the session's trust to anyone. */
function safeRedirect(value: FormDataEntryValue | null): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")
    ? value
    : "/";
}

function loginFailureMessage(error: AuthError): string {
  if (error instanceof CredentialsSignin) {
    if (error.code === "rate_limited") {
      return `Too many failed sign-in attempts (at most ${ACCOUNT_LIMIT} per account in ${LIMIT_WINDOW_MINUTES} minutes). Wait, then try again.`;
    }
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

/** Starts single sign-on: next-auth redirects to the identity provider (by throwing, as above). */
export async function oidcSignInAction(formData: FormData): Promise<void> {
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeRedirect(formData.get("callbackUrl")) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
