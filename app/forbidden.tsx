import { StatusNotice } from "@/components/status-notice";

/** Rendered inside the dashboard's shell, whose <main> already holds it: a second one would nest landmarks. */
export default function Forbidden() {
  return (
    <StatusNotice
      status={403}
      title="You don't have access to this page"
      description="It is for administrators. Ask one if you need something done here."
      back={{ href: "/keys", label: "Back to your keys" }}
      data-testid="forbidden"
    />
  );
}
