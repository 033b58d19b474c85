import "server-only";

/** A membership as the access pages list it; `installationCount` null means all installations. */
export function memberSummary<Role extends string>(m: {
  id: string;
  userId: string;
  role: Role;
  allInstallations: boolean;
  user: { name: string; email: string | null };
  _count: { installations: number };
}) {
  return {
    membershipId: m.id,
    userId: m.userId,
    name: m.user.name,
    email: m.user.email,
    role: m.role,
    installationCount: m.allInstallations ? null : m._count.installations,
  };
}
