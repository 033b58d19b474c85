import { getTranslations } from "next-intl/server";
import { currentPath } from "@/components/shell/current-path";
import { PublicFrame } from "@/components/shell/public-frame";

export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const [t, path] = await Promise.all([getTranslations("common"), currentPath()]);
  return (
    <PublicFrame title={`${t("company")} · ${t("appName")}`} returnTo={path}>
      {children}
    </PublicFrame>
  );
}
