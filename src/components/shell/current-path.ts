import "server-only";
import { headers } from "next/headers";
import { safeReturnPath } from "@/domain/http/safe-return-path";

/** The path of this request (set by proxy.ts), used as a return address for plain forms. */
export async function currentPath(): Promise<string> {
  return safeReturnPath((await headers()).get("x-pathname"), "/");
}
