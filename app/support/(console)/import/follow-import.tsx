"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Asks the server for the page again every few seconds while an upload waits for or goes through its import. */
export function FollowImport({ everyMs = 2000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
