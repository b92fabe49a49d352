using Esp32At.Fuzz;
using SharpFuzz;

// Esp32At.Fuzz: fuzzing the AT parser.
//   libfuzzer                      coverage-guided, in-process (run under libfuzzer-dotnet; see docs/reliability.md)
//   afl                            coverage-guided, out of process (run under afl-fuzz with an instrumented Esp32At.dll)
//   random <count> [seed] [dir]    no instrumentation: <count> mutated inputs in-process; crashes saved to dir
//   replay <file>...               runs saved inputs (crash reproduction)
var mode = args.Length > 0 ? args[0] : "random";
switch (mode)
{
    case "libfuzzer":
        Fuzzer.LibFuzzer.Run(span => ParserTarget.Run(span));
        return 0;
    case "afl":
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var ms = new MemoryStream();
            stream.CopyTo(ms);
            ParserTarget.Run(ms.ToArray());
        });
        return 0;
    case "replay":
        foreach (var file in args.Skip(1))
        {
            ParserTarget.Run(File.ReadAllBytes(file));
            Console.WriteLine("ok: " + file);
        }
        return 0;
    case "random":
        long count = args.Length > 1 ? long.Parse(args[1]) : 1_000_000;
        int seed = args.Length > 2 ? int.Parse(args[2]) : Environment.TickCount;
        string dir = args.Length > 3 ? args[3] : "fuzz-crashes";
        return RandomRun.Run(count, seed, dir);
    default:
        Console.Error.WriteLine("usage: Esp32At.Fuzz libfuzzer | afl | random <count> [seed] [crash-dir] | replay <file>...");
        return 2;
}
