import Foundation

/// The machine's busy CPU time from `/proc/stat` (user, nice, system, irq and softirq of every core; idle, I/O wait
/// and steal left out), for figures of CPU per unit of work: the engine, its PostgreSQL server and the kernel
/// together. A throughput on this shared machine swings from run to run; the CPU a unit of work costs swings less.
/// Nil where `/proc/stat` is missing (not Linux).
enum MachineCPU {
    /// Busy CPU milliseconds since boot, summed over the cores.
    static func busyMilliseconds() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") })
        else { return nil }
        let ticks = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard ticks.count >= 7 else { return nil }
        // user nice system idle iowait irq softirq [steal ...]; USER_HZ is 100 on Linux.
        let busy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6]
        return busy * 1000 / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Busy CPU microseconds per unit of work since `before` (a `busyMilliseconds()` reading), or nil.
    static func microseconds(since before: Double?, per units: Double) -> Double? {
        guard let before, let after = busyMilliseconds(), units > 0 else { return nil }
        return (after - before) * 1000 / units
    }
}
