using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Esp32At.Benchmarks.Micro;

/// <summary>
/// In-process (the repository's artifacts layout and central package versions need no generated project), a short
/// job (2 cores, noisy), allocations per operation.
/// </summary>
public sealed class MicroConfig : ManualConfig
{
    public MicroConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        AddDiagnoser(MemoryDiagnoser.Default);
        // Reports go to the ignored build-output folder, not into the working tree.
        ArtifactsPath = Path.Combine(Program.RepoRoot(), "artifacts", "benchmarks");
    }
}
