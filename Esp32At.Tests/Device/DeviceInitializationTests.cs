using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Hosting;
using Esp32At.Tests.Emulator;

namespace Esp32At.Tests.Device;

public sealed class DeviceInitializationTests
{
    public static TheoryData<string, string, int, int, string> Profiles() => new()
    {
        { "v2.2.0-c3", "AT+CIPRECVMODE=1", 2, 2, "ESP32C3" },
        { "v3.3.0-c3", "AT+CIPRECVTYPE=5,1", 3, 3, "ESP32C3" },
        { "v4.0.0-c6", "AT+CIPRECVTYPE=5,1", 4, 0, "ESP32C6" },
        { "v4.1.1-c3", "AT+CIPRECVTYPE=5,1", 4, 1, "ESP32C3" },
        { "v4.1.1-c6", "AT+CIPRECVTYPE=5,1", 4, 1, "ESP32C6" },
    };

    private static (EspEmulator, RecordingTransport) Start(string profile)
    {
        var emulator = new EspEmulator(new EmulatorOptions { Profile = FirmwareProfile.Named(profile), SpeedFactor = 0, BootTimeMs = 0 });
        var buf = new byte[64];
        var boot = "";
        while (!boot.EndsWith("ready\r\n")) boot += System.Text.Encoding.Latin1.GetString(buf, 0, emulator.Port.HostRead(buf, 0, buf.Length, 2000));
        return (emulator, new RecordingTransport(new EmulatorTransport(emulator)));
    }

    /// <summary>Runs <paramref name="test"/> with a device over a freshly booted emulator.</summary>
    private static void WithDevice(string profile, Esp32AtOptions options, Action<EspEmulator, RecordingTransport, Esp32AtDevice> test)
    {
        var (emulator, wire) = Start(profile);
        using (emulator)
        using (var device = new Esp32AtDevice(wire, options))
            test(emulator, wire, device);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void InitialisationSendsTheExactSequenceForEachFirmware(string profile, string receiveMode, int major, int minor, string chip)
    {
        var (emulator, wire) = Start(profile);
        using (emulator)
        using (var device = new Esp32AtDevice(wire, new Esp32AtOptions()))
        {
            var trace = new TraceLog();
            device.Executor.Trace = trace;
            device.Initialize();
            Assert.True(wire.Written.StartsWith("AT\r\nATE0"), trace.ToString());
            Assert.Equal("AT\r\nATE0\r\nAT+GMR\r\nAT+CMD?\r\nAT+SYSSTORE=0\r\nAT+CIPMUX=1\r\n" + receiveMode + "\r\nAT+CIPDINFO=1\r\n", wire.Written);
            Assert.Equal(major, device.Version.Major);
            Assert.Equal(minor, device.Version.Minor);
            Assert.Equal(chip, device.Version.Chip);
            Assert.Equal(major >= 3 && minor >= 3 || major >= 4, device.Capabilities.HasCipRecvType);
            Assert.Equal(profile.StartsWith("v2.2") ? 2048 : 8192, device.Capabilities.CipSendMax);
            Assert.False(emulator.State.Echo);
            Assert.Equal(1, emulator.State.CipMux);
            Assert.True(emulator.State.CipDInfo);
            Assert.All(emulator.State.RecvMode, m => Assert.Equal(1, m));
        }
    }

    [Fact]
    public void BaudSwitchMovesBothEnds()
    {
        WithDevice("v4.1.1-c3", new Esp32AtOptions { BaudRate = 921600, HardwareFlowControl = true }, (emulator, wire, device) =>
        {
        device.Initialize();
        Assert.EndsWith("AT+CIPDINFO=1\r\nAT+UART_CUR=921600,8,1,0,3\r\nAT\r\n", wire.Written);
        Assert.Equal(921600, emulator.Port.EmulatorBaud);
        Assert.Equal(921600, wire.BaudRate);
        Assert.Equal(0, device.Executor.Execute("AT", 2000).LineCount);
        });
    }

    [Fact]
    public void BaudSwitchFallsBackWhenTheEspIsNotHeardAtTheNewRate()
    {
        WithDevice("v4.1.1-c3", new Esp32AtOptions(), (emulator, wire, device) =>
        {
        device.Initialize();
        emulator.Commands.Register("UART_CUR", _ => { }); // says OK but keeps its rate
        Assert.Equal(115200, device.SwitchBaudRate(3000000, false));
        Assert.Equal(115200, wire.BaudRate);
        Assert.Equal(0, device.Executor.Execute("AT", 2000).LineCount);
        });
    }

    [Fact]
    public void HardResetWaitsForReady()
    {
        WithDevice("v3.3.0-c3", new Esp32AtOptions { HardResetOnInit = true }, (emulator, wire, device) =>
        {
        int readies = 0, rebooted = 0;
        emulator.Ready += () => Interlocked.Increment(ref readies);
        device.Executor.Rebooted += _ => Interlocked.Increment(ref rebooted);
        device.Initialize();
        Assert.Equal(1, readies);
        Assert.Equal(0, rebooted); // our own reset is not reported as a crash
        Assert.StartsWith("AT\r\nATE0\r\n", wire.Written);
        });
    }

    [Fact]
    public void BadBaudRateIsRejectedNamingTheArgument()
    {
        WithDevice("v4.1.1-c3", new Esp32AtOptions(), (emulator, wire, device) =>
        {
        device.Initialize();
        Assert.Equal("baudRate", Assert.Throws<ArgumentOutOfRangeException>(() => device.SwitchBaudRate(6_000_000, false)).ParamName);
        });
    }

    private sealed class TraceLog : Esp32At.Engine.IAtTraceSink
    {
        private readonly System.Text.StringBuilder sb = new();
        public void Trace(string direction, string text) { lock (sb) sb.Append(DateTime.UtcNow.ToString("ss.fff ")).Append(direction).Append(' ').AppendLine(text); }
        public override string ToString() { lock (sb) return sb.ToString(); }
    }
}
