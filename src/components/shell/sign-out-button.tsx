"use client";
import { signOut } from "next-auth/react";

export function SignOutButton({ label, to = "/logga-in" }: { label: string; to?: string }) {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: to })}
      className="rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
    >
      {label}
    </button>
  );
}
