"use client";
// The consumption bar chart. It is hidden from assistive technology: the table below holds the same
// values (with the status of each bucket) and is the accessible alternative.
import { Bar, CartesianGrid, Cell, ComposedChart, Line, Tooltip, XAxis, YAxis } from "recharts";

export type ChartRow = {
  key: string;
  label: string;
  tick: string;
  value: number | null;
  previous: number | null;
  typical: number | null;
  incomplete: boolean;
  estimated: boolean;
};

export type ChartLabels = { current: string; previous: string; typical: string; incomplete: string; estimated: string; legend: string };

const COLORS = {
  current: "#0369a1", // sky-700
  currentLight: "#bae6fd", // sky-200
  estimated: "#b45309", // amber-700
  previous: "#94a3b8", // slate-400
  typical: "#c2410c", // orange-700
} as const;

export function ConsumptionChart({
  rows,
  unit,
  locale,
  decimals,
  showPrevious,
  showTypical,
  labels,
}: {
  rows: ChartRow[];
  unit: string;
  locale: string;
  decimals: number;
  showPrevious: boolean;
  showTypical: boolean;
  labels: ChartLabels;
}) {
  const nf = new Intl.NumberFormat(locale === "en" ? "en-GB" : "sv-SE", { maximumFractionDigits: decimals });
  const axis = new Intl.NumberFormat(locale === "en" ? "en-GB" : "sv-SE", { maximumFractionDigits: 1 });
  const anyIncomplete = rows.some((r) => r.incomplete);
  const anyEstimated = rows.some((r) => r.estimated);
  const dense = rows.length > 60;

  return (
    <div aria-hidden="true">
      {/* Patterns for the bars, referenced by id from the chart's cells. */}
      <svg width="0" height="0" className="absolute">
        <defs>
          <pattern id="consumption-incomplete" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill={COLORS.currentLight} />
            <line x1="0" y1="0" x2="0" y2="6" stroke={COLORS.current} strokeWidth="2" />
          </pattern>
        </defs>
      </svg>
      <ComposedChart
        data={rows}
        responsive
        style={{ width: "100%", height: 320 }}
        margin={{ top: 8, right: 8, bottom: 8, left: 8 }}
        accessibilityLayer={false}
        barGap={1}
        barCategoryGap={dense ? 1 : "15%"}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="tick" tick={{ fontSize: 12, fill: "#334155" }} interval="preserveStartEnd" minTickGap={12} />
        <YAxis
          tick={{ fontSize: 12, fill: "#334155" }}
          tickFormatter={(v: number) => axis.format(v)}
          width={76}
          label={{ value: unit, angle: -90, position: "insideLeft", fill: "#334155", fontSize: 12 }}
        />
        <Tooltip
          labelFormatter={(_, payload) => (payload?.[0]?.payload as ChartRow | undefined)?.label ?? ""}
          formatter={(value, name) => [value === null || value === undefined ? "–" : `${nf.format(Number(value))} ${unit}`, name]}
        />
        {showPrevious ? <Bar dataKey="previous" name={labels.previous} fill={COLORS.previous} isAnimationActive={false} /> : null}
        <Bar dataKey="value" name={labels.current} fill={COLORS.current} isAnimationActive={false}>
          {rows.map((r) => (
            <Cell
              key={r.key}
              fill={r.incomplete ? "url(#consumption-incomplete)" : COLORS.current}
              stroke={r.estimated ? COLORS.estimated : r.incomplete ? COLORS.current : undefined}
              strokeWidth={r.estimated ? 2 : r.incomplete ? 1 : 0}
            />
          ))}
        </Bar>
        {showTypical ? (
          <Line dataKey="typical" name={labels.typical} stroke={COLORS.typical} strokeWidth={2} strokeDasharray="6 3" dot={rows.length <= 40} type="step" isAnimationActive={false} />
        ) : null}
      </ComposedChart>

      <ul className="mt-3 flex flex-wrap gap-x-6 gap-y-2 text-sm text-slate-800">
        <li className="flex items-center gap-2">
          <Swatch fill={COLORS.current} />
          {labels.current}
        </li>
        {showPrevious ? (
          <li className="flex items-center gap-2">
            <Swatch fill={COLORS.previous} />
            {labels.previous}
          </li>
        ) : null}
        {showTypical ? (
          <li className="flex items-center gap-2">
            <svg width="24" height="12" aria-hidden="true">
              <line x1="0" y1="6" x2="24" y2="6" stroke={COLORS.typical} strokeWidth="2" strokeDasharray="6 3" />
            </svg>
            {labels.typical}
          </li>
        ) : null}
        {anyIncomplete ? (
          <li className="flex items-center gap-2">
            <Swatch fill="url(#consumption-incomplete)" stroke={COLORS.current} />
            {labels.incomplete}
          </li>
        ) : null}
        {anyEstimated ? (
          <li className="flex items-center gap-2">
            <Swatch fill={COLORS.current} stroke={COLORS.estimated} strokeWidth={2} />
            {labels.estimated}
          </li>
        ) : null}
      </ul>
    </div>
  );
}

function Swatch({ fill, stroke, strokeWidth = 1 }: { fill: string; stroke?: string; strokeWidth?: number }) {
  return (
    <svg width="16" height="16" aria-hidden="true">
      <rect x="1" y="1" width="14" height="14" fill={fill} stroke={stroke ?? "none"} strokeWidth={strokeWidth} />
    </svg>
  );
}
