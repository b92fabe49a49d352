using System.Text;
using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.TinyCLR.Provider;
using Esp32At.TinyCLR.Uart;
using GHIElectronics.TinyCLR.Devices.Gpio;
using GHIElectronics.TinyCLR.Devices.Network;
using GHIElectronics.TinyCLR.Devices.Uart;

namespace Esp32At.Tests.TinyClr;

/// <summary>
/// The device's UartTransport over the shim's UartController and HostUartPort, which behave as GHI's
/// Devices.Uart (Uart.cs @ a9c94720) over TinyCLR's native driver (STM32F7_UART.cpp @ 3c8cd797): non-blocking Read and
/// Write, a debounced DataReceived on another thread, BufferFull when the read buffer fills.
/// </summary>
public class UartTransportTests
{
    private static int nextName;

    private static (HostUartPort Port, string Name) NewPort()
    {
        var port = new HostUartPort();
        string name = "COM-t" + Interlocked.Increment(ref nextName);
        HostUartPorts.Register(name, port);
        return (port, name);
    }

    [Fact]
    public void OpensWithGhisSettingOrderBuffersBeforeEnable()
    {
        var (port, name) = NewPort();
        using var t = new UartTransport(name, 921600, hardwareFlowControl: true);
        Assert.Equal(1, port.EnableCount);
        Assert.Equal(16 * 1024, port.ReadBufferSize);
        Assert.Equal(16 * 1024, port.WriteBufferSize);
        var s = Assert.Single(port.Settings);
        Assert.Equal(new object[] { 921600, 8, UartParity.None, UartStopBitCount.One, UartHandshake.RequestToSend, false, false, false, false, false, false }, s);
        t.SetLineSettings(115200, false);
        Assert.Equal(new object[] { 115200, 8, UartParity.None, UartStopBitCount.One, UartHandshake.None, false, false, false, false, false, false }, port.Settings[1]);
        Assert.Equal(2, port.EnableCount);
        Assert.Equal(115200, t.BaudRate);
    }

    [Fact]
    public void ReadsAWholeBurstThoughDataReceivedFiresOnce()
    {
        var (port, name) = NewPort();
        port.DataReceivedDebounce = TimeSpan.FromHours(1);
        using var t = new UartTransport(name);
        var sent = Encoding.ASCII.GetBytes("OK\r\n+IPD,0,5\r\nready\r\n");
        port.Deliver(sent, 0, 4);
        port.Deliver(sent, 4, 10);
        port.Deliver(sent, 14, sent.Length - 14);
        var got = new List<byte>();
        var buf = new byte[8];
        while (got.Count < sent.Length)
        {
            int n = t.Read(buf, 0, buf.Length, 1000);
            Assert.True(n > 0);
            got.AddRange(buf.Take(n));
        }
        Assert.Equal(sent, got.ToArray());
        Assert.Equal(0, t.Read(buf, 0, buf.Length, 0));
    }

    [Fact]
    public void ReadWakesForBytesArrivingOnAnotherThread()
    {
        var (port, name) = NewPort();
        using var t = new UartTransport(name);
        var late = new Thread(() => { Thread.Sleep(30); port.Deliver(new byte[] { 0x41, 0x42 }, 0, 2); });
        late.Start();
        var buf = new byte[4];
        int n = t.Read(buf, 0, 4, 10_000);
        late.Join();
        Assert.Equal(2, n);
        Assert.Equal(new byte[] { 0x41, 0x42 }, buf.Take(2));
    }

    [Fact]
    public void WriteRetriesUntilTheDriverTookEveryByte()
    {
        var (port, name) = NewPort();
        using var t = new UartTransport(name);
        var wire = new List<byte>();
        port.Transmitted = (b, o, c) => { lock (wire) wire.AddRange(b.Skip(o).Take(c)); };
        port.HoldTransmit = true; // CTS deasserted: the 16 KiB write buffer fills, UartController.Write returns 0
        var data = Enumerable.Range(0, 40_000).Select(i => (byte)i).ToArray();
        var writer = new Thread(() => t.Write(data, 0, data.Length));
        writer.Start();
        Assert.True(SpinWait.SpinUntil(() => port.BytesToWrite == 16 * 1024, 10_000));
        Assert.True(writer.IsAlive);
        while (writer.IsAlive)
        {
            port.ReleaseTransmit();
            port.HoldTransmit = true;
            writer.Join(5);
        }
        port.ReleaseTransmit();
        lock (wire) Assert.Equal(data, wire.ToArray());
    }

    [Fact]
    public void AFullReadBufferIsCountedAsAReceiveError()
    {
        var (port, name) = NewPort();
        using var t = new UartTransport(name);
        Assert.Equal(0, t.ReceiveErrors);
        Assert.Equal(-1, t.LastReceiveError);
        var flood = new byte[16 * 1024 + 10];
        port.Deliver(flood, 0, flood.Length);
        Assert.True(SpinWait.SpinUntil(() => t.ReceiveErrors > 0, 10_000));
        Assert.Equal((int)UartError.BufferFull, t.LastReceiveError);
        Assert.Equal(16 * 1024, t.BytesAvailable);
    }

    [Fact]
    public void TheEngineSeesAReceiveErrorThroughIAtReceiveErrors()
    {
        var (port, name) = NewPort();
        using var t = new UartTransport(name);
        using var executor = new Esp32At.Engine.AtExecutor(t);
        int raised = 0;
        executor.ReceiveLost += _ => Interlocked.Increment(ref raised);
        executor.Start();
        var flood = new byte[16 * 1024 + 10];
        port.Deliver(flood, 0, flood.Length);
        Assert.True(SpinWait.SpinUntil(() => t.ReceiveErrors > 0, 10_000));
        port.Deliver(new byte[] { (byte)'\n' }, 0, 1); // the pump looks after its next read
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref raised) > 0, 10_000));
        Assert.Equal(1, executor.ReceiveLosses);
    }

    [Fact]
    public void ResetPinNeverPulsesLowAtOpenAndPulseResetDropsStaleInput()
    {
        var (port, name) = NewPort();
        const int pin = 1077;
        var levels = new List<GpioPinValue>();
        Action<int, GpioPinValue> watch = (p, v) => { if (p == pin) lock (levels) levels.Add(v); };
        HostGpio.Written += watch;
        try
        {
            using var t = new UartTransport(name, resetPin: pin);
            Assert.True(t.HasResetLine);
            lock (levels) Assert.Equal(new[] { GpioPinValue.High }, levels);
            port.Deliver(new byte[] { 1, 2, 3 }, 0, 3);
            t.PulseReset(1);
            lock (levels) Assert.Equal(new[] { GpioPinValue.High, GpioPinValue.Low, GpioPinValue.High }, levels);
            Assert.Equal(0, t.BytesAvailable);
            Assert.Equal(1, port.ClearReadBufferCount);
        }
        finally { HostGpio.Written -= watch; }
    }

    [Fact]
    public void PulseResetWithoutAPinDoesNothing()
    {
        var (port, name) = NewPort();
        using var t = new UartTransport(name);
        port.Deliver(new byte[] { 1 }, 0, 1);
        Assert.False(t.HasResetLine);
        t.PulseReset(1);
        Assert.Equal(1, t.BytesAvailable);
        Assert.Equal(0, port.ClearReadBufferCount);
    }

    [Fact]
    public void TheProviderEnablesOverTheUartTransportAndItsResetPin()
    {
        var (port, name) = NewPort();
        const int pin = 1078;
        using var emu = new EspEmulator(new EmulatorOptions { Profile = FirmwareProfile.Named("v4.1.1-c3"), SpeedFactor = 0, BootTimeMs = 0 });
        port.Transmitted = (b, o, c) => emu.Port.HostWrite(b, o, c);
        bool wasLow = false;
        Action<int, GpioPinValue> en = (p, v) =>
        {
            if (p != pin) return;
            if (v == GpioPinValue.Low) wasLow = true;
            else if (wasLow) { wasLow = false; emu.Reboot(); }
        };
        HostGpio.Written += en;
        bool run = true;
        var pump = new Thread(() =>
        {
            var buf = new byte[2048];
            while (Volatile.Read(ref run))
            {
                int n = emu.Port.HostRead(buf, 0, buf.Length, 20);
                if (n > 0) port.Deliver(buf, 0, n);
            }
        }) { IsBackground = true };
        pump.Start();
        try
        {
            using var transport = new UartTransport(name, resetPin: pin);
            using var provider = new Esp32AtNetworkProvider(transport, new Esp32AtOptions());
            var controller = NetworkController.FromProvider(provider);
            controller.SetInterfaceSettings(new WiFiNetworkInterfaceSettings { Ssid = "Home", Password = "secret-pass" });
            controller.Enable();
            Assert.True(controller.GetLinkConnected());
            Assert.Equal(0, transport.ReceiveErrors);
        }
        finally
        {
            Volatile.Write(ref run, false);
            pump.Join();
            HostGpio.Written -= en;
        }
    }
}
