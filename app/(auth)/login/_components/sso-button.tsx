import { Button } from "@/components/ui/button";
import { oidcSignInAction } from "@/lib/auth/actions";

/** Single sign-on through the configured OpenID Connect provider (SPEC §5). */
export function SsoButton({ label, callbackUrl }: { label: string; callbackUrl: string }) {
  return (
    <form action={oidcSignInAction} className="mt-6">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Button type="submit" variant="secondary" className="w-full">
        Continue with {label}
      </Button>
    </form>
  );
}
