using Esp32At.Demos.HttpClient;

namespace Esp32At.Tests.Demos;

/// <summary>The HTTP client demo end to end on the emulator: both faces, every step, exit code 0.</summary>
[Collection(DemoCollection.Name)]
public class HttpClientDemoTests
{
    [Fact]
    public void EveryStepPassesOverBothFaces()
    {
        var log = new RecordingLog();
        int exit = HttpClientDemo.Run(["--speed", "0", "--download", "65536"], log);
        Assert.True(exit == 0, log.Text);
        Assert.Equal("HttpClient demo: 15 steps passed, 0 failed.", log.Lines[^1]);
        Assert.Contains(log.Lines, l => l.StartsWith("-- CircuitPython-style API"));
        Assert.Contains(log.Lines, l => l.StartsWith("-- TinyCLR NetworkController provider"));
        Assert.Equal(2, log.Lines.Count(l => l.StartsWith("[ok]   GET https://demo.test:") && l.Contains("certificate verified")));
        Assert.Equal(2, log.Lines.Count(l => l.StartsWith("[ok]   GET /bytes/65536: 64.0 KiB intact at ")));
        Assert.Contains(log.Lines, l => l.StartsWith("~  download 65536/65536 bytes (100 %)"));
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("[FAIL]"));
    }

    [Fact]
    public void OneFaceCanBeChosen()
    {
        var log = new RecordingLog();
        Assert.Equal(0, HttpClientDemo.Run(["--speed", "0", "--download", "4096", "--face", "tinyclr"], log));
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("-- CircuitPython"));
        Assert.Equal("HttpClient demo: 7 steps passed, 0 failed.", log.Lines[^1]);
    }

    [Fact]
    public void ChunkSizeLinesAreHexWithOptionalExtensions()
    {
        Assert.Equal(0x1a, MiniHttpClient.ParseHex("1A"));
        Assert.Equal(255, MiniHttpClient.ParseHex("ff;name=value"));
        Assert.Throws<FormatException>(() => MiniHttpClient.ParseHex("zz"));
    }
}
