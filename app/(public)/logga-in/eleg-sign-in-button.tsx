"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";

/** Starts the e-legitimation sign-in (next-auth provider "eleg"): off to the broker and back to "/". */
export function ElegSignInButton({ label, pendingLabel }: { label: string; pendingLabel: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn("eleg", { callbackUrl: "/" });
      }}
      className="w-full rounded-md border-2 border-sky-800 bg-white px-4 py-2 font-medium text-sky-900 hover:bg-sky-50 focus:outline-none focus:ring-2 focus:ring-sky-600 focus:ring-offset-2 disabled:opacity-60"
    >
      {pending ? pendingLabel : label}
    </button>
  );
}
