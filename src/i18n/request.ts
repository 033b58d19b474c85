import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { defaultLocale, isLocale, LOCALE_COOKIE, type Locale } from "./config";
import { loadMessages } from "./load-messages";

async function chooseLocale(): Promise<Locale> {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  // Swedish first: English only when asked for (cookie) or when the browser prefers it over Swedish.
  const accept = (await headers()).get("accept-language") ?? "";
  const first = accept.split(",")[0]?.trim().slice(0, 2).toLowerCase();
  return first === "en" ? "en" : defaultLocale;
}

export default getRequestConfig(async () => {
  const locale = await chooseLocale();
  return {
    locale,
    messages: await loadMessages(locale),
    timeZone: "Europe/Stockholm",
    formats: {
      dateTime: { short: { year: "numeric", month: "2-digit", day: "2-digit" }, long: { dateStyle: "long" } },
    },
  };
});
