"use client";
import { signOut } from "next-auth/react";
import { buttonClass } from "@/components/ui/button";

export function SignOutButton({ label, to = "/logga-in" }: { label: string; to?: string }) {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: to })}
      className={buttonClass({ variant: "secondary", size: "sm" })}
    >
      {label}
    </button>
  );
}
