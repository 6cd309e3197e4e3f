import { dispatchApi } from "@/lib/api/dispatch";

// The whole REST API is one route table (lib/api/route-table.ts); this file only hands Next's
// requests to it, for every method Next routes.
export const dynamic = "force-dynamic";

export const GET = dispatchApi;
export const HEAD = dispatchApi;
export const OPTIONS = dispatchApi;
export const POST = dispatchApi;
export const PUT = dispatchApi;
export const PATCH = dispatchApi;
export const DELETE = dispatchApi;
