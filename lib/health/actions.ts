"use server";
// Asked by the error pages: was it the database? Public like every server action, and it answers
// one bit (reachable or not), never the error itself.
import { db } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db-unavailable";

export async function databaseIsReachable(): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch (error) {
    if (isDatabaseUnavailable(error)) return false;
    throw error;
  }
}
