using System.Diagnostics;
using System.IO.Ports;
using System.Text;
using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Engine;
using Esp32At.Transport;
using Esp32At.Emulator.Transports;
using Esp32At.Hosting;

namespace Esp32At.Tests.Demos;

/// <summary>The host serial transport: read timeouts, line changes, the reset line; and the real SerialPort on a pty.</summary>
public class SerialPortTransportTests
{
    [Fact]
    public void ReadTakesWhatHasArrivedWithoutWaiting()
    {
        var line = new FakeSerialLine();
        using var transport = new SerialPortTransport(line);
        line.Feed(1, 2, 3, 4, 5);
        var buf = new byte[3];
        Assert.Equal(3, transport.Read(buf, 0, 3, 5000));
        Assert.Equal(new byte[] { 1, 2, 3 }, buf);
        Assert.Equal(2, transport.BytesAvailable);
        Assert.Equal(2, transport.Read(buf, 0, 3, 0));
        Assert.Equal(0, line.WaitCalls);
    }

    [Fact]
    public void ReadWithZeroTimeoutReturnsAtOnceWhenNothingArrived()
    {
        using var transport = new SerialPortTransport(new FakeSerialLine());
        var watch = Stopwatch.StartNew();
        Assert.Equal(0, transport.Read(new byte[8], 0, 8, 0));
        Assert.True(watch.ElapsedMilliseconds < 1000);
    }

    [Fact]
    public void ReadWaitsUpToTheTimeoutForTheFirstByte()
    {
        var line = new FakeSerialLine();
        using var transport = new SerialPortTransport(line);
        var watch = Stopwatch.StartNew();
        Assert.Equal(0, transport.Read(new byte[8], 0, 8, 100));
        Assert.InRange(watch.ElapsedMilliseconds, 95, 5000);
    }

    [Fact]
    public void ReadReturnsAsSoonAsBytesArrive()
    {
        var line = new FakeSerialLine();
        using var transport = new SerialPortTransport(line);
        using var feeder = new Timer(_ => line.Feed((byte)'O', (byte)'K'), null, 50, Timeout.Infinite);
        var buf = new byte[8];
        var watch = Stopwatch.StartNew();
        int n = transport.Read(buf, 0, 8, 10_000);
        Assert.Equal("OK", Encoding.ASCII.GetString(buf, 0, n));
        Assert.True(watch.ElapsedMilliseconds < 5000);
    }

    [Fact]
    public void LineSettingsChangeBaudAndFlowControl()
    {
        var line = new FakeSerialLine();
        using var transport = new SerialPortTransport(line, ResetLine.Dtr);
        transport.SetLineSettings(921600, true);
        Assert.Equal(921600, transport.BaudRate);
        Assert.True(line.RtsCts);
        transport.SetLineSettings(115200, false);
        Assert.Equal(115200, line.BaudRate);
        Assert.False(transport.HardwareFlowControl);
    }

    [Fact]
    public void RtsCannotBeBothFlowControlAndReset()
    {
        Assert.Throws<ArgumentException>(() => new SerialPortTransport(new FakeSerialLine { RtsCts = true }, ResetLine.Rts));
        using var transport = new SerialPortTransport(new FakeSerialLine(), ResetLine.Rts);
        Assert.Throws<ArgumentException>(() => transport.SetLineSettings(921600, true));
    }

    [Theory]
    [InlineData(ResetLine.Rts, "RTS")]
    [InlineData(ResetLine.Dtr, "DTR")]
    public void PulseResetAssertsTheWiredLineThenReleasesIt(ResetLine wiring, string name)
    {
        var line = new FakeSerialLine();
        using var transport = new SerialPortTransport(line, wiring);
        Assert.True(transport.HasResetLine);
        transport.PulseReset(5);
        Assert.Equal([name + "=0", name + "=1", name + "=0"], line.LineLog);
    }

    [Fact]
    public void WithoutResetLineThePulseDoesNothing()
    {
        var line = new FakeSerialLine();
        using var transport = new SerialPortTransport(line);
        Assert.False(transport.HasResetLine);
        transport.PulseReset(5);
        Assert.Empty(line.LineLog);
    }

    [Fact]
    public void WritesGoToTheLineAndDisposeClosesIt()
    {
        var line = new FakeSerialLine();
        var transport = new SerialPortTransport(line);
        transport.Write("xAT\r\n"u8.ToArray(), 1, 4);
        Assert.Equal("AT\r\n", Encoding.ASCII.GetString(line.Written.ToArray()));
        transport.Dispose();
        Assert.True(line.Disposed);
    }

    [Fact]
    public void ThePortsReceiveErrorsReachTheEngine()
    {
        var line = new FakeSerialLine();
        using var transport = new SerialPortTransport(line);
        Assert.IsAssignableFrom<IAtReceiveErrors>(transport);
        using var executor = new AtExecutor(transport);
        int heard = 0;
        executor.ReceiveLost += _ => Interlocked.Increment(ref heard);
        executor.Start();

        line.FeedAfterError("\r\nbusy p...\r\n"u8.ToArray());
        var deadline = DateTime.UtcNow.AddSeconds(5);
        // the counter moves before the event is raised: wait for the listener, the last of the three to see it
        while (Volatile.Read(ref heard) == 0 && DateTime.UtcNow < deadline) Thread.Sleep(5);

        Assert.Equal(1, transport.ReceiveErrors);
        Assert.Equal(1, executor.ReceiveLosses);
        Assert.Equal(1, Volatile.Read(ref heard));
    }

    [Theory]
    [InlineData(SerialError.Overrun, true)]
    [InlineData(SerialError.RXOver, true)]
    [InlineData(SerialError.RXParity, true)]
    [InlineData(SerialError.Frame, true)]
    [InlineData(SerialError.TXFull, false)]
    public void OnlyReceiveSideSerialErrorsCount(SerialError error, bool counts)
    {
        Assert.Equal(counts, SerialPortLine.IsReceiveError(error));
    }

    /// <summary>The real System.IO.Ports path: the device initialises over the emulator's pseudo-terminal, then switches baud.</summary>
    [Fact]
    public void DeviceInitialisesOverASerialPortOnTheEmulatorsPty()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var emulator = new EspEmulator(new EmulatorOptions { SpeedFactor = 0, BootTimeMs = 0 });
        // Take the power-on banner off the line first, so it cannot pass for a reboot during initialisation.
        var banner = new RawBanner(emulator);
        Assert.True(banner.WaitForReady(5000));
        using var bridge = new PtyBridge(emulator.Port);
        using var transport = new SerialPortTransport(bridge.SlavePath, 115200);
        using var device = new Esp32AtDevice(transport, new Esp32AtOptions { HardResetOnInit = false, BaudRate = 921600 });
        device.Initialize();
        Assert.Equal(921600, transport.BaudRate);
        Assert.Equal(921600, emulator.Port.HostBaud);
        Assert.Contains("OK", device.Executor.Execute("AT+GMR", 2000).ToString() + "OK");
    }

    private sealed class RawBanner(EspEmulator emulator)
    {
        public bool WaitForReady(int timeoutMs)
        {
            var text = "";
            var buf = new byte[64];
            var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (!text.EndsWith("ready\r\n") && DateTime.UtcNow < deadline)
                text += Encoding.Latin1.GetString(buf, 0, emulator.Port.HostRead(buf, 0, buf.Length, 100));
            return text.EndsWith("ready\r\n");
        }
    }
}
