"use client";

import { useEffect, useRef } from "react";
import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { UsageBucket } from "@/lib/usage/series";
import { OUTCOME_SERIES } from "./outcome-series";

type Props = { buckets: UsageBucket[]; granularity: "hour" | "day"; label: string; height?: number };

function themeColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || "currentColor";
}

function options(width: number, height: number, granularity: Props["granularity"], label: string): uPlot.Options {
  const axis = themeColor("--muted-foreground");
  const grid = themeColor("--border");
  const axisStyle = { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  return {
    title: undefined,
    width,
    height,
    // Times are UTC buckets; showing them in UTC keeps the chart and its table in agreement.
    tzDate: (seconds) => new Date(new Date(seconds * 1000).toISOString().slice(0, 19)),
    legend: { show: true },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true }, y: { range: (_plot, _min, max) => [0, Math.max(1, max)] } },
    axes: [
      { ...axisStyle, space: granularity === "hour" ? 60 : 50 },
      { ...axisStyle, size: 48 },
    ],
    series: [
      { label: granularity === "hour" ? "Hour (UTC)" : "Day (UTC)" },
      ...OUTCOME_SERIES.map(({ label: name, color }) => ({
        label: name,
        stroke: themeColor(color),
        width: 2,
        points: { show: granularity === "day" },
      })),
    ],
    plugins: [{ hooks: { init: (plot: uPlot) => plot.root.setAttribute("aria-label", label) } }],
  };
}

/**
 * Verifications by outcome over time, drawn with uPlot (a ~50 KB canvas library, loaded after the
 * page so it stays out of the first load). Colours come from the theme's CSS variables and are
 * re-read when the theme changes. The canvas is hidden from assistive technology: the summary
 * and table beside it (UsageTable) carry the same numbers as text.
 */
export function UsageChart({ buckets, granularity, label, height = 220 }: Props) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let plot: uPlot | null = null;
    let cancelled = false;
    const data: uPlot.AlignedData = [
      buckets.map((bucket) => Date.parse(bucket.start) / 1000),
      ...OUTCOME_SERIES.map(({ outcome }) => buckets.map((bucket) => bucket[outcome])),
    ];
    const draw = async () => {
      const { default: UPlot } = await import("uplot");
      if (cancelled) return;
      plot?.destroy();
      plot = new UPlot(options(element.clientWidth, height, granularity, label), data, element);
    };
    void draw();
    const resize = new ResizeObserver(() => plot?.setSize({ width: element.clientWidth, height }));
    resize.observe(element);
    // A theme switch changes data-theme on <html>, or the OS preference flips: redraw in the new colours.
    const themeObserver = new MutationObserver(() => void draw());
    themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    const scheme = window.matchMedia("(prefers-color-scheme: dark)");
    const onScheme = () => void draw();
    scheme.addEventListener("change", onScheme);
    return () => {
      cancelled = true;
      resize.disconnect();
      themeObserver.disconnect();
      scheme.removeEventListener("change", onScheme);
      plot?.destroy();
    };
  }, [buckets, granularity, label, height]);

  return <div ref={container} aria-hidden="true" className="usage-chart min-h-[220px] w-full text-foreground" />;
}
