// Lives in src/lib, not src/server: client forms import `idle`, and a client file may take only types from server code.
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

