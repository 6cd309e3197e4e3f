"use client";

import { useSyncExternalStore } from "react";

// UTC and a fixed locale: the server renders these cells too, and its zone and locale differ from the browser's.
const timeFormat = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "medium",
  hourCycle: "h23",
  timeZone: "UTC",
});
const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
  ["second", 1],
];

function relative(date: Date, now: number): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === "second") return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return "";
}

// One clock for every row, ticking twice a minute while the page is open.
let clock = 0;
function subscribeToClock(onTick: () => void) {
  const tick = () => {
    clock = Date.now();
    onTick();
  };
  tick();
  const timer = setInterval(tick, 30_000);
  return () => clearInterval(timer);
}
const readClock = () => clock;
// The server's "now" would be stale by the time the page hydrates, so the server renders no relative time.
const readServerClock = () => null;

/** An event's time to the second, with how long ago beside it. */
export function AuditTime({ value }: { value: string }) {
  const now = useSyncExternalStore<number | null>(subscribeToClock, readClock, readServerClock);
  const date = new Date(value);
  return (
    <span className="grid gap-0.5 whitespace-nowrap">
      <time dateTime={value} className="tabular-nums">
        {timeFormat.format(date)}
      </time>
      <span className="min-h-4 text-xs text-muted-foreground">{now ? relative(date, now) : ""}</span>
    </span>
  );
}
