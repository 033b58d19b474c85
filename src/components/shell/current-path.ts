import "server-only";
import { headers } from "next/headers";

/** The path of this request (set by middleware), used as a return address for plain forms. */
export async function currentPath(): Promise<string> {
  return (await headers()).get("x-pathname") ?? "/";
}
