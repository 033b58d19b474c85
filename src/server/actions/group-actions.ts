"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { installationTypes } from "@/server/groups/installation-types";
import { createGroup } from "@/server/groups/create-group";
import { deleteGroup } from "@/server/groups/delete-group";
import type { GroupSelection } from "@/server/groups/schemas";
import { updateGroup } from "@/server/groups/update-group";
import { customerAction } from "./safe-action";

const optional = z.string().max(200).optional();

// The installation list's selection form. Each row's checkbox is its own field ("anl.<id>"), so the
// form works without JavaScript and through the shared action wrapper (which reads one value per
// name). The search the list shows travels in hidden fields: "select all N matching" saves exactly
// that search, evaluated again on the server within the user's access.
const selectionForm = z.looseObject({
  intent: z.enum(["create", "add", "remove"]),
  name: optional,
  targetGroupId: optional,
  all: optional,
  searchCustomer: optional,
  searchText: optional,
  searchType: z.enum(installationTypes).optional().or(z.literal("")),
  searchGroup: optional,
});

export const saveSelectionAction = customerAction(selectionForm, async (input, { actor }) => {
  const search = {
    customerId: !input.searchCustomer || input.searchCustomer === "all" ? ("all" as const) : input.searchCustomer,
    q: input.searchText || undefined,
    type: input.searchType || undefined,
    groupId: input.searchGroup || undefined,
  };
  const picked = Object.keys(input)
    .filter((k) => k.startsWith("anl."))
    .map((k) => k.slice(4));
  const selection: GroupSelection = input.all === "1" ? { search } : { installationIds: picked };

  if (input.intent === "create") {
    const group = await createGroup(actor, { name: input.name ?? "", selection });
    revalidatePath("/anlaggningar", "layout");
    return { status: "ok", message: "groups.created", messageValues: { name: group.name, count: group.memberCount } };
  }
  if (input.intent === "add") {
    const group = await updateGroup(actor, input.targetGroupId ?? "", { add: selection });
    revalidatePath("/anlaggningar", "layout");
    return { status: "ok", message: "groups.added", messageValues: { name: group.name, count: group.memberCount } };
  }
  const group = await updateGroup(actor, input.searchGroup ?? "", { remove: selection });
  revalidatePath("/anlaggningar", "layout");
  return { status: "ok", message: "groups.removed", messageValues: { name: group.name, count: group.memberCount } };
});

export const renameGroupAction = customerAction(z.object({ groupId: z.string().max(60), name: z.string().max(200) }), async ({ groupId, name }, { actor }) => {
  const group = await updateGroup(actor, groupId, { name });
  revalidatePath("/anlaggningar", "layout");
  return { status: "ok", message: "groups.renamed", messageValues: { name: group.name } };
});

export const deleteGroupAction = customerAction(z.object({ groupId: z.string().max(60), name: z.string().max(200) }), async ({ groupId, name }, { actor }) => {
  await deleteGroup(actor, groupId);
  revalidatePath("/anlaggningar", "layout");
  // The group's row (and its form) is gone: the list page says what happened.
  redirect(`/anlaggningar/grupper?borttagen=${encodeURIComponent(name.slice(0, 60))}`);
});
