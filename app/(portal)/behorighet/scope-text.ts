/** "Alla" or "3 anläggningar": how many installations an access covers (null for all). */
export const scopeText = (t: (key: "scope.allShort" | "scope.someShort", values?: { count: number }) => string, count: number | null) =>
  count === null ? t("scope.allShort") : t("scope.someShort", { count });
