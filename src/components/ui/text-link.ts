// The look of a link inside text and tables (sky, underlined): one class string for every page.
export const textLink = "font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950";
