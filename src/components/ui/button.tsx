import Link from "next/link";
import type { ButtonHTMLAttributes, ComponentProps } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger";
export type ButtonSize = "md" | "sm";

const variants: Record<ButtonVariant, string> = {
  primary: "bg-sky-800 text-white hover:bg-sky-900",
  secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-50",
  danger: "bg-red-700 text-white hover:bg-red-800",
};

const sizes: Record<ButtonSize, string> = {
  md: "px-4 py-2",
  sm: "px-3 py-1 text-sm",
};

/**
 * The portal's one button look, for a <button>, a link that reads as a button or a <summary>:
 * a visible focus ring on every variant, and a dimmed look while disabled.
 */
export function buttonClass({ variant = "primary", size = "md", className }: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}) {
  return `inline-block rounded-md font-medium ${sizes[size]} ${variants[variant]} focus:outline-none focus:ring-2 focus:ring-sky-600 focus:ring-offset-2 disabled:opacity-60 ${className ?? ""}`.trimEnd();
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: ButtonSize };

/** A button (type "button" unless told otherwise, so it never submits a form by accident). */
export function Button({ variant, size, className, type = "button", ...button }: ButtonProps) {
  return <button type={type} className={buttonClass({ variant, size, className })} {...button} />;
}

type LinkButtonProps = ComponentProps<typeof Link> & { variant?: ButtonVariant; size?: ButtonSize };

/** A link (navigation or download) that looks like a button. */
export function LinkButton({ variant, size, className, ...link }: LinkButtonProps) {
  return <Link className={buttonClass({ variant, size, className })} {...link} />;
}
