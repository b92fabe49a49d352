using Esp32At.Demos.DeviceTests;

namespace Esp32At.Tests.Demos;

/// <summary>The device test runner against the emulator, as CI runs it: every scenario passes and the summary says so.</summary>
[Collection(DemoCollection.Name)]
public class DeviceTestsRunnerTests
{
    [Fact]
    public void AllScenariosPassOnTheEmulator()
    {
        var output = new Output();
        int exit = DeviceTestsHost.Run(["--speed", "0"], output);
        Assert.True(exit == 0, string.Join("\n", output.Lines));
        Assert.Equal("10 passed, 0 failed", output.Lines[^1]);
        string[] names = ["init+version", "scan", "join", "dns", "tcp-echo", "udp-echo", "https-verified", "server-accept", "throughput", "reboot-recovery"];
        Assert.Equal(names.Select(n => "PASS " + n + " ("), output.Lines.Skip(1).Take(10).Select(l => l[..(l.IndexOf('(') + 1)]));
    }

    [Fact]
    public void ASilentEspFailsEveryScenarioAndTheSummarySaysSo()
    {
        var output = new Output();
        using var silent = new Esp32At.Hosting.SerialPortTransport(new FakeSerialLine());
        var runner = new DeviceTestRunner(output);
        Assert.False(runner.RunAll(new DeviceScenarios(silent, new DeviceTestConfig { Ssid = "x", Password = "y" }, null!)));
        Assert.StartsWith("FAIL init+version: AtTimeoutException", output.Lines[0]);
        Assert.All(output.Lines.Skip(1).Take(9), l => Assert.EndsWith("the ESP was not initialised", l));
        Assert.Equal("0 passed, 10 failed", output.Lines[^1]);
    }

    private sealed class Output : ITestOutput
    {
        public List<string> Lines { get; } = [];
        public void Line(string text) { lock (Lines) Lines.Add(text); }
    }
}
