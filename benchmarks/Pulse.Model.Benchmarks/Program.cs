using BenchmarkDotNet.Running;
using Pulse.Model.Benchmarks;

// `alloc` prints the per-event-kind allocation breakdown; anything else goes to BenchmarkDotNet
// (e.g. `--filter '*'`, `--job short`).
if (args is ["alloc"])
{
    AllocationProbe.Run(Console.Out);
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(ModelBenchmarks).Assembly).Run(args);
return 0;
