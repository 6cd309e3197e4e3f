import { StatusNotice } from "@/components/status-notice";

/** An unknown address, outside any shell: this page brings its own <main>. */
export default function NotFound() {
  return (
    <main className="grid min-h-dvh place-items-center p-6">
      <StatusNotice
        status={404}
        title="Page not found"
        description="The page you asked for does not exist or was removed."
        back={{ href: "/", label: "Back to the console" }}
      />
    </main>
  );
}
