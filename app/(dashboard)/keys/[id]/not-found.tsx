import { StatusNotice } from "@/components/status-notice";

/** An unknown, deleted or someone else's key: all read the same, so none is revealed. */
export default function KeyNotFound() {
  return (
    <StatusNotice
      status={404}
      title="Key not found"
      description="No key of yours has this id. It may have been deleted."
      back={{ href: "/keys", label: "Back to keys" }}
      data-testid="key-not-found"
    />
  );
}
