// Class strings the consumption page's sections share (buttons come from the UI kit's Button).
export const input = "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 focus:outline-none focus:ring-2 focus:ring-sky-600";
export const label = "block text-sm font-medium text-slate-900";
export const notice = "rounded-md border border-slate-300 bg-slate-50 px-4 py-3 text-slate-800";
export const warning = "rounded-md border border-amber-600 bg-amber-50 px-4 py-3 text-amber-950";
