// The shape every form action returns to its form (used with React's useActionState).
// Messages are translation keys; the form shows them in the user's language.
export type ActionState = {
  status: "idle" | "ok" | "error";
  message?: string;
  messageValues?: Record<string, string | number>;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
};

export const idle: ActionState = { status: "idle" };

/** A message that is a translation key ("validation.email", "thirdPartyAdmin.errors.exists"), kept as it is. */
export const isTranslationKey = (message: string): boolean => /^[a-z][A-Za-z0-9]*\.[A-Za-z0-9_.]+$/.test(message);
