using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;
using Pulse.Model.Benchmarks;

// `alloc` prints the per-event-kind allocation breakdown; `profile-cpu` / `profile-alloc` run the benchmarks under
// BenchmarkDotNet's EventPipe profiler (CPU samples / allocation samples with stacks, written as speedscope JSON);
// anything else goes to BenchmarkDotNet as usual (e.g. `--filter '*' --job short`).
// The development machine is shared and builds can be slow: BenchmarkDotNet's 2-minute build timeout is too tight.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
switch (args)
{
    case ["alloc"]:
        AllocationProbe.Run(Console.Out);
        return 0;
    case ["profile-cpu", .. var rest]:
        BenchmarkSwitcher.FromAssembly(typeof(ModelBenchmarks).Assembly)
            .Run(rest, config.AddDiagnoser(new EventPipeProfiler(EventPipeProfile.CpuSampling)));
        return 0;
    case ["profile-alloc", .. var rest]:
        BenchmarkSwitcher.FromAssembly(typeof(ModelBenchmarks).Assembly)
            .Run(rest, config.AddDiagnoser(new EventPipeProfiler(EventPipeProfile.GcVerbose)));
        return 0;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(ModelBenchmarks).Assembly).Run(args, config);
        return 0;
}
