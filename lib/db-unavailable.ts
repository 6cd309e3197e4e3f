// "The database is not there" as opposed to "the request is wrong": one answer for every shape
// Prisma 7 and @prisma/adapter-pg produce (checked against errors captured from a stopped server in
// db-unavailable.test.ts). Prisma nests the driver's error under `meta.driverAdapterError`, whose
// `cause` holds either a kind (`DatabaseNotReachable`…) or PostgreSQL's own SQLSTATE; errors the
// adapter does not recognise (pg-pool's timeout, a connection ended mid-query) arrive as plain
// messages.

const UNAVAILABLE_CODES = new Set([
  // Prisma: can't reach, timed out, server closed the connection, pool timeout
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
  // Node's sockets
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  // SQLSTATE class 08 (connection exception), 57P01–57P03 (shutdown, crash, cannot connect now), 53300
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

const UNAVAILABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "SocketTimeout",
  "ConnectionClosed",
  "TooManyConnections",
]);

const UNAVAILABLE_MESSAGE = new RegExp(
  [
    "ECONNREFUSED",
    "Connection terminated",
    "Connection ended unexpectedly",
    "timeout exceeded when trying to connect",
    // Prisma's P2028 when no pooled connection frees up within the transaction's maxWait
    "Unable to start a transaction in the given time",
    "connection timeout",
    "Can't reach database server",
    "Server has closed the connection",
    // pg's client after its connection broke, as Prisma passes it on for a pooled connection
    "Client has encountered a connection error and is not queryable",
    "Client was closed and is not queryable",
    "the database system is (starting up|shutting down|not yet accepting connections|in recovery mode)",
    "terminating connection due to (administrator|immediate shutdown)",
  ].join("|"),
);

// Where the underlying error may sit: Error.cause, Prisma's meta, the adapter's originalCode, an
// AggregateError's attempts (one per address when "localhost" resolves to ::1 and 127.0.0.1).
function nested(error: object): unknown[] {
  const inner: unknown[] = [];
  if ("cause" in error) inner.push(error.cause);
  if ("meta" in error && typeof error.meta === "object" && error.meta !== null && "driverAdapterError" in error.meta)
    inner.push(error.meta.driverAdapterError);
  if ("errors" in error && Array.isArray(error.errors)) inner.push(...error.errors);
  return inner;
}

function ownSignal(error: object): boolean {
  for (const field of ["code", "originalCode"] as const) {
    const value: unknown = field in error ? (error as Record<string, unknown>)[field] : undefined;
    if (typeof value === "string" && UNAVAILABLE_CODES.has(value)) return true;
  }
  if ("kind" in error && typeof error.kind === "string" && UNAVAILABLE_KINDS.has(error.kind)) return true;
  const message = "message" in error && typeof error.message === "string" ? error.message : "";
  return UNAVAILABLE_MESSAGE.test(message);
}

/** True when the error, or anything it wraps, says PostgreSQL cannot be reached or is going away. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 6) return false;
  if (ownSignal(error)) return true;
  return nested(error).some((inner) => isDatabaseUnavailable(inner, depth + 1));
}
