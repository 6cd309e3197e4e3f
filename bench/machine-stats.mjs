// What the machine did during a bench run, from Linux's /proc: a process's CPU time (all its
// threads) and the share of CPU the hypervisor gave to other guests ("steal"). On a shared VM,
// steal is what most often turns a p99 of 1 ms into 20 ms, for the bare baseline as much as for
// Keydesk, so every run prints it. Elsewhere these read as null and print as "-".
import { readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux architecture Node supports

function read(file) {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** CPU milliseconds used so far by a process (user + system, all threads). */
export function processCpuMs(pid) {
  const stat = read(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // Fields after the command name, which is in parentheses and may itself contain spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** The machine's CPU time counters: { total, steal } in ticks. */
function cpuTicks() {
  const line = read("/proc/stat")?.split("\n")[0];
  if (!line) return null;
  const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
  return { total: values.reduce((sum, value) => sum + value, 0), steal: values[7] };
}

/** Starts watching; stop() returns the steal share in percent and each pid's CPU ms since start. */
export function watch(pids) {
  const ticksBefore = cpuTicks();
  const cpuBefore = pids.map(processCpuMs);
  return {
    stop() {
      const ticksAfter = cpuTicks();
      const total = ticksBefore && ticksAfter ? ticksAfter.total - ticksBefore.total : 0;
      const stealPercent = total > 0 ? (100 * (ticksAfter.steal - ticksBefore.steal)) / total : null;
      const cpuMs = pids.map((pid, i) => {
        const after = processCpuMs(pid);
        return after === null || cpuBefore[i] === null ? null : after - cpuBefore[i];
      });
      return { stealPercent, cpuMs };
    },
  };
}
