using System.Runtime.InteropServices;

namespace Pulse.Model.Benchmarks;

/// <summary>
/// CPU time consumed by the calling thread (Linux <c>getrusage(RUSAGE_THREAD)</c>). On a machine shared with other
/// builds, wall-clock time per event mostly measures the queue for a core; the thread's own CPU time does not.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int RusageThread = 1;

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        // The rest of struct rusage (14 longs) is not read but must be there for the kernel to write into.
        public long R0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, R13;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrusage(int who, out RUsage usage);

    public static bool IsAvailable => OperatingSystem.IsLinux();

    public static TimeSpan Now()
    {
        if (getrusage(RusageThread, out var u) != 0) throw new InvalidOperationException($"getrusage failed: errno {Marshal.GetLastPInvokeError()}");
        var microseconds = (u.UserSeconds + u.SystemSeconds) * 1_000_000 + u.UserMicroseconds + u.SystemMicroseconds;
        return TimeSpan.FromMicroseconds(microseconds);
    }
}
